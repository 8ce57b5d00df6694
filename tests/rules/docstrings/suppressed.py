# reviewls: ignore-file[RV251]
# No module docstring: silenced for the whole file. Every other finding is silenced on its line
# except the control; run with unused-suppression selected too.


class MigrationError(Exception):  # noqa: RV252
    pass


class LiveMigrator:  # reviewls: ignore[missing-class-docstring]
    def __init__(self, api):
        self.api = api

    def migrate(self, server, host):  # noqa
        self.api.migrate(server, host)
        return server

    def abort(self, server):  # reviewls: ignore[RV253]
        self.api.abort(server)

    def busy(  # noqa: RV253
        self,
        server,
    ):
        return self.api.busy(server)


def abort_migration(api, server):
    api.abort(server)
