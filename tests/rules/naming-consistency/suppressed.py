"""Suppression comments on naming-consistency findings in a snake_case module.

Run with unused-suppression selected too: every finding is silenced except the control, and a
suppression that stopped being needed would show up as RV403.
"""
# reviewls: ignore-file[RV106]

import logging

LOG = logging.getLogger(__name__)
default_zone = "nova"
max_hosts = 8
retry_count = 3
retryDelay = 5  # noqa: RV105


class HostManager:
    """Keeps the hosts of one region."""

    def __init__(self, region_name, max_size):
        self.region_name = region_name
        self.max_size = max_size
        self.miss_count = 0
        self.hitCount = 0  # reviewls: ignore[inconsistent-attribute-name]

    def list_hosts(self, zone_name, include_disabled=False):
        host_list = []
        for host_name in self._hosts(zone_name):
            host_list.append(host_name)
        return host_list

    def _makeHosts(self, count, nameFormat):  # noqa
        created_hosts = []
        for index in range(count):
            hostName = nameFormat % index  # reviewls: ignore[RV103]
            created_hosts.append(hostName)
        return created_hosts

    def _hosts(self, zone_name):
        return [zone_name]

    def disable_host(self, host_name):
        return host_name

    def enable_host(self, host_name):
        return host_name

    def getHTTPResponse(self, url_path):
        return url_path


class flavor_manager:
    """Silenced for the whole file: class names are the file's business here."""


class ServerManager:
    """Keeps the servers of one region."""
