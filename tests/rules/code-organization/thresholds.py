"""Quota bookkeeping sized just around the code-organization limits.

Run with the defaults (thresholds.py) two functions break a limit; the same code under
thresholds_configured.toml (thresholds_configured.py) is judged by lowered and raised limits.
"""
import logging

LOG = logging.getLogger(__name__)
DEFAULT_QUOTA = 10
MAX_QUOTA = 100
QUOTA_UNITS = ("cores", "ram", "instances")


def reserve(project, cores, ram, instances, volumes, ports, floating_ips):
    """Seven parameters: one over the default limit of 6."""
    return project.reserve(cores + ram + instances + volumes + ports + floating_ips)


def usage_report(projects):
    """Five locals and a complexity of 5: fine by default."""
    lines = []
    total = 0
    skipped = 0
    for project in projects:
        usage = project.usage()
        if usage is None:
            skipped += 1
            continue
        if usage > MAX_QUOTA or usage < 0:
            LOG.warning("odd usage for %s", project)
        total += usage
        lines.append(f"{project.name}: {usage}")
    return lines, total, skipped


def deep_walk(regions):
    """Blocks six deep: one over the default limit of 5."""
    found = []
    for region in regions:
        for zone in region.zones:
            for rack in zone.racks:
                for host in rack.hosts:
                    if host.enabled:
                        with host.lock():
                            found.append(host)
    return found


def first_quota(units):
    """A small helper."""
    return units[0] if units else DEFAULT_QUOTA


def quota_unit_names():
    """Another small helper."""
    return list(QUOTA_UNITS)


class QuotaDriver:
    """Four methods: fine by default."""

    def __init__(self, store):
        self.store = store

    def get(self, project):
        """Return the quota of `project`."""
        return self.store.get(project, DEFAULT_QUOTA)

    def set(self, project, value):
        """Set the quota of `project`."""
        self.store[project] = value

    def reset(self, project):
        """Forget the quota of `project`."""
        self.store.pop(project, None)
