"""Suppression comments on function-naming findings; run with unused-suppression selected too.

Every finding is silenced except the control at the end.
"""
# reviewls: ignore-file[RV152]


def ld(path):  # noqa: RV151
    """Silenced by code."""
    return open(path, encoding="utf-8").read()


def mk_cfg(path):  # reviewls: ignore[cryptic-function-name]
    """Silenced by rule name."""
    return {"path": path}


def prc(items):  # noqa
    """Silenced by a bare noqa."""
    return sorted(items)


def get_all_the_hosts_that_are_enabled_and_not_in_maintenance(hosts):
    """Too long: silenced for the whole file by ignore-file."""
    return [host for host in hosts if host.enabled and not host.maintenance]


def clc_ttl(items):
    """Not suppressed: the control."""
    return sum(items)
