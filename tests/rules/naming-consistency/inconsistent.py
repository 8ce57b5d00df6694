"""Host placement helpers: a snake_case module with a few names that break its convention."""

import logging

LOG = logging.getLogger(__name__)
DEFAULT_REGION = "eu-west"
default_zone = "nova"
max_hosts = 8
retry_count = 3
retryDelay = 5


class HostManager:
    """Keeps the hosts of one region."""

    def __init__(self, region_name, max_size):
        self.region_name = region_name
        self.max_size = max_size
        self.hitCount = 0
        self.miss_count = 0

    def list_hosts(self, zone_name, include_disabled=False):
        host_list = []
        for host_name in self._hosts(zone_name):
            host_list.append(host_name)
        return host_list

    def _makeHosts(self, count, nameFormat):
        created_hosts = []
        for index in range(count):
            hostName = nameFormat % index
            created_hosts.append(hostName)
        return created_hosts

    def getHTTPResponse(self, url_path):
        response_body = self.fetch(url_path)
        return response_body

    def delete_server(self, server_id):
        return server_id

    def _hosts(self, zone_name):
        return [zone_name]

    def disable_host(self, host_name):
        return host_name

    def enable_host(self, host_name):
        return host_name

    def count_hosts(self, zone_name):
        return len(self._hosts(zone_name))


def make_manager(region_name):
    return HostManager(region_name, max_hosts)


def find_host(manager, host_name):
    return host_name in manager.list_hosts(default_zone)


class flavor_manager:
    """Keeps the flavors of one region."""


class ServerManager:
    """Keeps the servers of one region."""


class Placement_Client:
    """Talks to the placement service."""
