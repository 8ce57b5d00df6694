# [tool.reviewls.severity] (severity_overrides.toml) by category, rule name and code, seen in
# the JSON output: docstrings are errors except RV253 (a code wins over its category), RV302
# (by name) is an error, security is a hint, and RV151, RV301 and RV303 keep their defaults.
import logging

LOG = logging.getLogger(__name__)


class Loader:
    pass


def ld(v, list):
    tmp = eval(v)
    LOG.debug("loaded %s from %s", tmp, list)
    return tmp
