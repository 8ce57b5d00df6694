"""Quota helpers whose names make every call site a puzzle."""


def ld(path):
    return open(path).read()


def cfg(options):
    return dict(options)


def mk_cfg(options):
    return cfg(options)


def clc_ttl(prices):
    return sum(prices)


def prc(request):
    return request


def _rslv_hst_nm(host):
    return host


def f(value):
    return value


def get_all_the_hosts_that_are_enabled_and_not_in_maintenance(hosts):
    return [host for host in hosts if host.enabled and not host.maintenance]


class QuotaDriver:
    """Counts usage per project."""

    def chk(self, project_id):
        return project_id

    def reserve_resources_for_project_and_commit_if_quota_allows(self, project_id):
        return project_id
