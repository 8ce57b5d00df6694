# A consistent 2-space module: 2 spaces is its unit, so nothing is reported.
def pick(hosts, instance):
  for host in hosts:
    if host.fits(instance):
      return host
  return None


class Scheduler:
  def __init__(self, hosts):
    self.hosts = hosts
