"""Suppression comments on code-organization findings, under suppressed.toml's small limits.

Run with unused-suppression selected too: every finding is silenced except the control.
"""
# reviewls: ignore-file[module-too-long]
import logging

LOG = logging.getLogger(__name__)
DEFAULT_QUOTA = 10
MAX_QUOTA = 100  # noqa: RV553


def reserve(project, cores, ram, disk):  # noqa: RV556
    """Four parameters."""
    return project.reserve(cores + ram + disk)


def usage_report(projects):  # reviewls: ignore[too-many-locals, RV555, too-complex]
    """Five locals, twelve statements, complexity 4: three rules silenced by name and code."""
    lines = []
    total = 0
    skipped = 0
    for project in projects:
        usage = project.usage()
        if usage is None:
            skipped += 1
            continue
        if usage > MAX_QUOTA:
            LOG.warning("odd usage for %s", project)
        total += usage
    return lines, total, skipped


def deep_walk(regions):  # noqa
    """Blocks three deep: every finding on this line silenced."""
    found = []
    for region in regions:
        for zone in region.zones:
            if zone.enabled:
                found.append(zone)
    return found


def first_quota(units):  # noqa: RV552
    """The fourth top-level function."""
    return units[0] if units else DEFAULT_QUOTA


class QuotaDriver:  # reviewls: ignore[RV554]
    """Three methods."""

    def get(self, project):
        """Return the quota of `project`."""
        return project.quota

    def set(self, project, value):
        """Set the quota of `project`."""
        project.quota = value

    def reset(self, project, default, notify):
        """Not suppressed: the control (three parameters besides self)."""
        project.quota = default
        notify(project)
