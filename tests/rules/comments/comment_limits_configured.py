"""Comment limits around their defaults (max-comment-free-lines 25, max-uncommented-stretch 40).

comment_limits.py runs with the defaults; comment_limits_configured.py is the same code under
comment_limits_configured.toml. `render_row` has no docstring and opens with its only comment,
which tree-sitter attaches outside the block: it still counts, so the function is never reported.
"""


def summarise_server(result):
    """Twenty lines and no comment: accepted by default, not under a limit of 15."""
    status = result['status']
    host = result['host']
    node = result['node']
    task_state = result['task_state']
    power_state = result['power_state']
    flavor = result['flavor']
    image = result['image']
    availability_zone = result['availability_zone']
    created = result['created']
    updated = result['updated']
    user_id = result['user_id']
    tenant_id = result['tenant_id']
    addresses = result['addresses']
    volumes_attached = result['volumes_attached']
    tags = result['tags']
    locked = result['locked']
    metadata = result['metadata']
    key_name = result['key_name']
    return (status, host, node, task_state, power_state, flavor,
            image, availability_zone, created, updated, user_id, tenant_id, addresses, volumes_attached, tags, locked, metadata, key_name)


def render_row(row):
    # Fixed-width columns so that the rows of a table line up.
    cells = []
    cells.append(str(row.status).ljust(8))
    cells.append(str(row.host).ljust(12))
    cells.append(str(row.node).ljust(16))
    cells.append(str(row.task_state).ljust(20))
    cells.append(str(row.power_state).ljust(24))
    cells.append(str(row.flavor).ljust(8))
    cells.append(str(row.image).ljust(12))
    cells.append(str(row.availability_zone).ljust(16))
    cells.append(str(row.created).ljust(20))
    cells.append(str(row.updated).ljust(24))
    cells.append(str(row.user_id).ljust(8))
    cells.append(str(row.tenant_id).ljust(12))
    cells.append(str(row.addresses).ljust(16))
    cells.append(str(row.volumes_attached).ljust(20))
    cells.append(str(row.tags).ljust(24))
    cells.append(str(row.locked).ljust(8))
    cells.append(str(row.metadata).ljust(12))
    cells.append(str(row.key_name).ljust(16))
    cells.append(str(row.config_drive).ljust(20))
    cells.append(str(row.description).ljust(24))
    cells.append(str(row.trusted_image_certificates).ljust(8))
    cells.append(str(row.launched_at).ljust(12))
    cells.append(str(row.terminated_at).ljust(16))
    cells.append(str(row.hostname).ljust(20))
    cells.append(str(row.progress).ljust(24))
    cells.append(str(row.fault).ljust(8))
    cells.append(str(row.security_groups).ljust(12))
    cells.append(str(row.os_type).ljust(16))
    cells.append(str(row.architecture).ljust(20))
    cells.append(str(row.vm_mode).ljust(24))
    return ' '.join(cells)


def collect_events(server, api):
    """One comment at the top, then 42 lines: over the default stretch of 40."""
    # Fetch everything first: the API is slow and we want one snapshot.
    events = api.events(server)
    status = events.get('status')
    host = events.get('host')
    node = events.get('node')
    task_state = events.get('task_state')
    power_state = events.get('power_state')
    flavor = events.get('flavor')
    image = events.get('image')
    availability_zone = events.get('availability_zone')
    created = events.get('created')
    updated = events.get('updated')
    user_id = events.get('user_id')
    tenant_id = events.get('tenant_id')
    addresses = events.get('addresses')
    volumes_attached = events.get('volumes_attached')
    tags = events.get('tags')
    locked = events.get('locked')
    metadata = events.get('metadata')
    key_name = events.get('key_name')
    config_drive = events.get('config_drive')
    description = events.get('description')
    trusted_image_certificates = events.get('trusted_image_certificates')
    launched_at = events.get('launched_at')
    terminated_at = events.get('terminated_at')
    hostname = events.get('hostname')
    progress = events.get('progress')
    fault = events.get('fault')
    security_groups = events.get('security_groups')
    os_type = events.get('os_type')
    architecture = events.get('architecture')
    vm_mode = events.get('vm_mode')
    root_device_name = events.get('root_device_name')
    ramdisk_id = events.get('ramdisk_id')
    kernel_id = events.get('kernel_id')
    ephemeral_gb = events.get('ephemeral_gb')
    root_gb = events.get('root_gb')
    memory_mb = events.get('memory_mb')
    vcpus = events.get('vcpus')
    cell_name = events.get('cell_name')
    shutdown_terminate = events.get('shutdown_terminate')
    cleaned = events.get('cleaned')
    return [status, host, node, task_state]
