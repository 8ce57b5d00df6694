"""Live migration scheduling, documented throughout: nothing to report."""
import typing

from nova import exception


class MigrationError(exception.NovaException):
    """The compute host refused the migration."""


class LiveMigrator:
    """Moves running instances between compute hosts."""

    def __init__(self, compute_api):
        self.compute_api = compute_api

    def __repr__(self):
        return "LiveMigrator()"

    def migrate(self, instance, host):
        """Start a live migration of `instance` to `host`."""
        return self.compute_api.live_migrate(instance, host)

    @property
    def busy(self):
        """Whether a migration is in flight."""
        return False

    @busy.setter
    def busy(self, value):
        self._busy = value

    @typing.override
    def cancel(self, migration):
        return migration.abort()


class _Bookkeeping:
    def record(self, migration):
        return migration


@typing.overload
def pick(hosts: list) -> str: ...
@typing.overload
def pick(hosts: list, default: str) -> str: ...
def pick(hosts, default=None):
    """The first usable host, or `default`."""

    def usable(host):
        return host.enabled

    return next((h for h in hosts if usable(h)), default)


def _private_helper(value):
    return value
