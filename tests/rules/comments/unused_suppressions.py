"""Unused suppressions (RV403), and the look-alikes that are not ours to report.

Run with variable-naming selected too, so that the RV301/RV302 suppressions have findings
to silence where they are needed.
"""
# reviewls: ignore-file[RV303]
import logging

LOG = logging.getLogger(__name__)
RETRIES = 3  # noqa: RV301
TIMEOUT = 30  # reviewls: ignore[placeholder-name]
WIDTH = 80  # noqa: E501
HEIGHT = 24  # noqa: RV301, E501
DEPTH = 5  # noqa
LIMIT = 10  # nosec
BATCH = 50  # type: ignore  # noqa: RV302


def scale(v, factor):  # noqa: RV301, RV302
    """`v` needs the RV301 half of this noqa; the RV302 half silences nothing."""
    return v * factor


def offset(b, delta):  # reviewls: ignore[RV301]
    """A used suppression: nothing to report."""
    return b + delta


def banner(title):
    """An unused suppression where a multi-line string's statement ends."""
    text = f"""
    ==== {title} ====
    """  # noqa: RV302
    return text.strip()


def directives_only(result):  # noqa: RV401
    """A long function without comments, silenced; its noqa is no comment either."""
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
    LOG.debug("read %s", status)
    LOG.debug("on %s", host)
    return (status, host, node, task, power, flavor, image, zone, created, updated, owner,
            project, networks, volumes, tags, locked, metadata, key_name, config_drive,
            description, trusted)
