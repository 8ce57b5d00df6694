# select and ignore in [tool.reviewls] (selection_config.toml), by code, name and category:
# RV151, RV253, RV303 and RV601 are reported; RV251 and RV252 are ignored; variable-naming's
# RV301 and RV302 are not selected.
import logging

LOG = logging.getLogger(__name__)


class Loader:
    pass


def ld(v, list):
    tmp = eval(v)
    LOG.debug("loaded %s from %s", tmp, list)
    return tmp
