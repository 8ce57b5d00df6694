# A 4-space module with one pasted 2-space method and one tab-indented function.
import logging

LOG = logging.getLogger(__name__)


class Migrator:
    """Moves instances between hosts."""

    def __init__(self, hosts):
        self.hosts = hosts

    def pick(self, instance):
      for host in self.hosts:
        if host.fits(instance):
          return host
      return None

    def migrate(self, instance):
        host = self.pick(instance)
        if host is None:
            LOG.warning("no host for %s", instance)
            return False
        return host.accept(instance)


def evacuate(instances):
	for instance in instances:
		instance.stop()
