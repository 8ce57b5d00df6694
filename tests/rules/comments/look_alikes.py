"""Long functions that are commented well enough, and short ones that need no comment."""
import logging

LOG = logging.getLogger(__name__)


def short_helper(values):
    """Short functions need no comment."""
    total = 0
    for value in values:
        total += value
    return total


def long_but_commented(hosts, flavor, retries):
    """Pick a host for `flavor`, retrying on transient failures.

    The docstring is long on purpose: it does not count towards the body
    and does not count as a comment either.

    Args:
        hosts: candidate hosts, best first.
        flavor: the flavor to place.
        retries: attempts before giving up.
    """
    # Filter first: weighing disabled hosts wastes time.
    enabled = [h for h in hosts if h.enabled]
    if not enabled:
        LOG.warning("no enabled host for %s", flavor)
        return None
    weights = {}
    for host in enabled:
        weights[host] = host.free_ram_mb - flavor.memory_mb
    ordered = sorted(enabled, key=lambda h: weights[h], reverse=True)
    attempt = 0
    chosen = None
    while attempt < retries and chosen is None:
        attempt += 1
        for host in ordered:
            if host.claim(flavor):
                chosen = host
                break
    if chosen is None:
        LOG.warning("no host could claim %s after %d attempts", flavor, attempt)
        return None
    LOG.info("placed %s on %s", flavor, chosen)
    chosen.refresh()
    return chosen


def outer_with_commented_nested(rows):
    """A short outer function around a long nested one that is commented."""

    def render(row):
        # Columns are fixed-width so that diffs line up.
        cells = []
        cells.append(str(row.id).ljust(8))
        cells.append(str(row.name).ljust(20))
        cells.append(str(row.host).ljust(12))
        cells.append(str(row.state).ljust(10))
        cells.append(str(row.task).ljust(10))
        cells.append(str(row.power).ljust(6))
        cells.append(str(row.flavor).ljust(10))
        cells.append(str(row.image).ljust(36))
        cells.append(str(row.zone).ljust(10))
        cells.append(str(row.created).ljust(20))
        cells.append(str(row.updated).ljust(20))
        cells.append(str(row.owner).ljust(32))
        cells.append(str(row.project).ljust(32))
        cells.append(str(row.networks).ljust(40))
        cells.append(str(row.volumes).ljust(40))
        cells.append(str(row.tags).ljust(20))
        cells.append(str(row.locked).ljust(6))
        cells.append(str(row.metadata).ljust(40))
        cells.append(str(row.key_name).ljust(12))
        cells.append(str(row.config_drive).ljust(6))
        cells.append(str(row.description).ljust(40))
        cells.append(str(row.trusted).ljust(6))
        return " ".join(cells)

    return [render(row) for row in rows]


def exactly_at_the_limit(result):
    """A body of exactly max-comment-free-lines (25) lines is accepted."""
    status = result['status']
    host = result['host']
    node = result['node']
    task = result['task_state']
    power = result['power_state']
    flavor = result['flavor']
    image = result['image']
    zone = result['availability_zone']
    created = result['created']
    updated = result['updated']
    owner = result['user_id']
    project = result['tenant_id']
    networks = result['addresses']
    volumes = result['volumes_attached']
    tags = result['tags']
    locked = result['locked']
    metadata = result['metadata']
    key_name = result['key_name']
    config_drive = result['config_drive']
    description = result['description']
    trusted = result['trusted_image_certificates']
    return (status, host, node, task, power, flavor, image, zone, created, updated, owner,
            project, networks, volumes, tags, locked, metadata, key_name, config_drive,
            description, trusted)
