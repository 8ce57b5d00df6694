import mock

from nova import test
from nova.tests import fixtures as nova_fixtures


class LiveMigrationTest(test.TestCase):

    def setUp(self):
        super(LiveMigrationTest, self).setUp()
        self.useFixture(nova_fixtures.NeutronFixture(self))
        self.api = self.useFixture(nova_fixtures.OSAPIFixture()).api

    def _boot_server(self, name):
        return self.api.post_server({"server": {"name": name}})

    def wait_for_migration(self, server):
        return self.api.get_migrations(server["id"])

    def test_live_migrate_one_instance(self):
        server = self._boot_server("one")
        self.api.post_server_action(server["id"], {"os-migrateLive": {"host": None}})
        self.assertEqual("completed", self.wait_for_migration(server)[0]["status"])

    @mock.patch("nova.compute.manager.ComputeManager.live_migration")
    def test_live_migrate_fails(self, mock_migrate):
        mock_migrate.side_effect = Exception()
        server = self._boot_server("two")
        self.assertEqual("error", self.wait_for_migration(server)[0]["status"])
