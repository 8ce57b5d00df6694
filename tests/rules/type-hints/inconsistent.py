"""Flavor resizing helpers for the compute API."""
from typing import Optional

from nova.objects import Flavor, Instance


class ResizeTask:
    """One resize of one instance, from request to confirmation."""

    def __init__(self, instance: Instance, flavor: Flavor):
        self.instance = instance
        self.flavor = flavor
        self.attempts = 0

    def prepare(self, host: str, retries=3, verbose=False) -> bool:
        """Claim resources on the target host."""
        self.attempts = retries
        return bool(host) and not verbose

    def confirm(self, timeout: float):
        """Confirm the resize once the guest is running."""
        self.attempts += 1

    def revert(self, reason):
        """Undo the resize and tell the user why."""
        return reason

    def status(self, *args, **kwargs) -> str:
        """Describe the task for the API."""
        return "resizing"


def find_flavor(name: str) -> Optional[Flavor]:
    """Look a flavor up by name."""
    return None


def flavor_ratio(old: Flavor, new: Flavor) -> float:
    """How much larger the new flavor is."""
    return new.memory_mb / old.memory_mb


def pick_host(hosts: list, prefix=b"cmp-", weight=-1.5):
    """Choose the first host with the given prefix."""
    for host in hosts:
        if host.startswith(prefix):
            return host
    return None


def log_resize(instance, flavor):
    """Record the resize in the instance's action log."""
    print(instance, flavor)


def describe(flavor) -> str:
    """Render a flavor for messages."""
    return str(flavor)


def cleanup():
    """Drop every stale claim."""
    pass
