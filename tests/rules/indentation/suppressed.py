"""Suppression comments on indentation findings in a space-indented module.

Run with unused-suppression selected too: every finding is silenced except the control.
"""
# reviewls: ignore-file[RV352]


class Scheduler:
    """Picks hosts."""

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
            return False
        return host.accept(instance)


def evacuate(instance):
	instance.stop()  # noqa: RV351
	return instance


def shelve(instance):
	instance.offload()  # reviewls: ignore[mixed-tabs-and-spaces]
	return instance


def unshelve(instance):
	instance.start()  # noqa
	return instance


def rebuild(instance):
	instance.rebuild()
	return instance
