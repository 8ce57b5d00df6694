import logging

from nova import exception

LOG = logging.getLogger(__name__)


class MigrationError(exception.NovaException):
    pass


class LiveMigrator:
    def __init__(self, compute_api, retries=3):
        self.compute_api = compute_api
        self.retries = retries

    def migrate(self, instance, host):
        self._check_host(host)
        return self.compute_api.live_migrate(instance, host)

    def _check_host(self, host):
        if not host:
            raise MigrationError()

    @property
    def busy(self):
        return self.retries > 0

    @busy.setter
    def busy(self, value):
        self.retries = int(value)

    class Options:
        block_migration = False


def abort_migration(migration):
    def notify(reason):
        LOG.info("aborted: %s", reason)

    notify("user request")
    migration.abort()
