# A tidy module: small functions, few parameters, shallow nesting. Nothing to report.
import logging

LOG = logging.getLogger(__name__)
DEFAULT_RETRIES = 3


def bind_ports(ports, host, retries=DEFAULT_RETRIES):
    """Bind every port to `host`, retrying each a few times."""
    failed = []
    for port in ports:
        if not _bind(port, host, retries):
            failed.append(port)
    return failed


def _bind(port, host, retries):
    for _ in range(retries):
        if port.bind(host):
            return True
    LOG.warning("could not bind %s", port)
    return False


class PortSyncer:
    def __init__(self, host):
        self.host = host

    def sync(self, ports):
        return bind_ports(ports, self.host)
