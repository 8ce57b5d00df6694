"""Long functions without signposts."""


def directives_only(server, api):
    """Pragmas and noqa comments explain nothing: this still has no comment."""
    result = api.get(server)  # noqa: E501
    status = result['status']  # type: str
    host = result['host']
    zone_name = result['zone_name']
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


def commented_only_at_the_top(rows):
    """One comment at the top does not help the reader of the second half."""
    # Normalise the rows before summing.
    rows = [r for r in rows if r]
    a = rows[0]
    b = rows[1]
    c = rows[2]
    d = rows[3]
    e = rows[4]
    f = rows[5]
    g = rows[6]
    h = rows[7]
    i = rows[8]
    j = rows[9]
    k = rows[10]
    m = rows[11]
    n = rows[12]
    o = rows[13]
    p = rows[14]
    q = rows[15]
    r = rows[16]
    s = rows[17]
    t = rows[18]
    u = rows[19]
    v = rows[20]
    w = rows[21]
    x = rows[22]
    y = rows[23]
    z = rows[24]
    aa = rows[25]
    bb = rows[26]
    cc = rows[27]
    dd = rows[28]
    ee = rows[29]
    ff = rows[30]
    gg = rows[31]
    hh = rows[32]
    ii = rows[33]
    jj = rows[34]
    kk = rows[35]
    ll = rows[36]
    mm = rows[37]
    nn = rows[38]
    return (a, b, c, d, e, f, g, h, i, j, k, m, n, o, p, q, r, s, t, u, v, w, x, y, z,
            aa, bb, cc, dd, ee, ff, gg, hh, ii, jj, kk, ll, mm, nn)


def build_report(servers):
    """A nested function's comment belongs to it: the outer body is still uncommented."""

    def label(server):
        # Deleted servers keep their name for the audit log.
        return server.name or server.id

    rows = []
    for server in servers:
        row = {"label": label(server)}
        row["host"] = server.host
        row["node"] = server.node
        row["task_state"] = server.task_state
        row["power_state"] = server.power_state
        row["flavor"] = server.flavor
        row["image"] = server.image
        row["zone"] = server.zone
        row["created"] = server.created
        row["updated"] = server.updated
        row["user_id"] = server.user_id
        row["tenant_id"] = server.tenant_id
        row["addresses"] = server.addresses
        row["volumes"] = server.volumes
        row["tags"] = server.tags
        row["locked"] = server.locked
        row["metadata"] = server.metadata
        row["key_name"] = server.key_name
        row["config_drive"] = server.config_drive
        row["description"] = server.description
        row["trusted"] = server.trusted
        row["launched"] = server.launched
        row["terminated"] = server.terminated
        row["progress"] = server.progress
        row["fault"] = server.fault
        rows.append(row)
    return rows
