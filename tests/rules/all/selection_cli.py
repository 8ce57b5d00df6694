# --select and --ignore by code, rule name and category (selection_cli.args): RV301, RV302
# and RV251 are reported; RV252 (ignored by code), RV253 (by name), RV601 (by category, which
# wins over selecting it) and the unselected RV151 and RV303 are not.
import logging

LOG = logging.getLogger(__name__)


class Loader:
    pass


def ld(v, list):
    tmp = eval(v)
    LOG.debug("loaded %s from %s", tmp, list)
    return tmp
