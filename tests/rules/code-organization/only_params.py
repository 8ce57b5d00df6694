# Only RV556 selected; the same function that does everything: statements, parameters, locals, branches and nesting
# all over their limits.
import logging

LOG = logging.getLogger(__name__)


def sync(context, instance, host, node, flavor, image, network_info, block_device_info=None):
    """Bring an instance's records in line with the hypervisor."""
    LOG.debug("sync %s", instance)
    state = instance.vm_state
    power = host.power_state(instance)
    task = instance.task_state
    attempts = 0
    errors = []
    changed = False
    ports = network_info.ports
    volumes = block_device_info or []
    disk = flavor.root_gb
    memory = flavor.memory_mb
    vcpus = flavor.vcpus
    meta = image.properties
    tags = instance.tags
    owner = context.project_id
    if state == "active" and power == "off":
        instance.vm_state = "stopped"
        changed = True
    elif state == "stopped" or power == "on":
        instance.vm_state = "active"
        changed = True
    for port in ports:
        if port.host != host.name:
            for attempt in range(3):
                try:
                    while not port.bound:
                        if attempt > 1:
                            if port.retry():
                                LOG.info("rebound %s", port)
                        port.bind(host)
                except Exception as exc:
                    errors.append(exc)
                    attempts += 1
    for volume in volumes:
        if volume.attached and volume.host != host.name:
            volume.detach()
            volume.attach(host)
    if disk > node.free_disk:
        errors.append("disk")
    if memory > node.free_ram:
        errors.append("memory")
    if vcpus > node.free_vcpus:
        errors.append("vcpus")
    summary = [e for e in errors if e]
    label = "ok" if not summary else "failed"
    LOG.info("sync %s: %s", instance, label)
    instance.metadata.update(meta)
    instance.tags = tags
    instance.owner = owner
    instance.task_state = task
    instance.attempts = attempts
    instance.changed = changed
    instance.save()
    node.update()
    host.update()
    context.notify("sync.start")
    context.notify("sync.ports")
    context.notify("sync.volumes")
    context.notify("sync.disk")
    context.notify("sync.memory")
    context.notify("sync.vcpus")
    context.notify("sync.meta")
    context.notify("sync.tags")
    context.notify("sync.owner")
    context.notify("sync.task")
    context.notify("sync.end")
    return summary


class Syncer:
    def sync_one(self, context, instance, host, node, flavor, image):
        """Six parameters besides self: at the limit, not over it."""
        return sync(context, instance, host, node, flavor, image, [])
