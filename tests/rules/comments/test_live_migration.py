"""Functional tests for live migration of a single instance."""
from nova import context
from nova import objects
from nova import test
from nova.tests import fixtures as nova_fixtures
from nova.tests.functional import integrated_helpers


class LiveMigrationTest(integrated_helpers._IntegratedTestBase):
    """Live-migrate servers between two fake compute hosts."""

    def setUp(self):
        super(LiveMigrationTest, self).setUp()
        self.useFixture(nova_fixtures.NeutronFixture(self))
        self.useFixture(nova_fixtures.PlacementFixture())
        self.start_service('conductor')
        self.start_service('scheduler')
        self.src = self._start_compute('src')
        self.dest = self._start_compute('dest')
        self.ctxt = context.get_admin_context()

    def test_live_migrate_one_instance(self):
        server = self._create_server(networks='none')
        self.assertEqual('src', server['OS-EXT-SRV-ATTR:host'])
        migration_req = {
            'os-migrateLive': {
                'host': 'dest',
                'block_migration': 'auto',
            },
        }
        self.api.post_server_action(server['id'], migration_req)
        self._wait_for_state_change(server, 'ACTIVE')
        migrations = self.api.get_migrations()
        self.assertEqual(1, len(migrations))
        migration = migrations[0]
        self.assertEqual('live-migration', migration['migration_type'])
        self.assertEqual('completed', migration['status'])
        self.assertEqual('src', migration['source_compute'])
        self.assertEqual('dest', migration['dest_compute'])
        server = self.api.get_server(server['id'])
        self.assertEqual('dest', server['OS-EXT-SRV-ATTR:host'])
        instance = objects.Instance.get_by_uuid(self.ctxt, server['id'])
        self.assertEqual('dest', instance.host)
        self.assertEqual('dest', instance.node)
        self.assertIsNone(instance.migration_context)
        allocations = self._get_allocations_by_server_uuid(server['id'])
        self.assertEqual(1, len(allocations))
        self.assertIn(self.dest_rp_uuid, allocations)
        self.assertNotIn(self.src_rp_uuid, allocations)
        self._delete_server(server)
        self.assertEqual([], self.api.get_servers())
        self.assertFlavorMatchesUsage(self.dest_rp_uuid, self.flavor)

    def test_live_migrate_to_same_host_fails(self):
        # The scheduler must refuse the source host as a destination.
        server = self._create_server(networks='none')
        migration_req = {'os-migrateLive': {'host': 'src', 'block_migration': 'auto'}}
        self.api.post_server_action(server['id'], migration_req)
        self._wait_for_state_change(server, 'ACTIVE')
        # Nothing moved: the server is still on the source.
        server = self.api.get_server(server['id'])
        self.assertEqual('src', server['OS-EXT-SRV-ATTR:host'])
        migrations = self.api.get_migrations()
        self.assertEqual('error', migrations[0]['status'])
        self.assertEqual(1, len(migrations))
        self.assertEqual('src', migrations[0]['source_compute'])
        self.assertEqual('src', migrations[0]['dest_compute'])
        instance = objects.Instance.get_by_uuid(self.ctxt, server['id'])
        self.assertEqual('src', instance.host)
        self.assertEqual('src', instance.node)
        self.assertIsNone(instance.migration_context)
        allocations = self._get_allocations_by_server_uuid(server['id'])
        self.assertEqual(1, len(allocations))
        self.assertIn(self.src_rp_uuid, allocations)
        self._delete_server(server)
        self.assertEqual([], self.api.get_servers())
        self.assertFlavorMatchesUsage(self.src_rp_uuid, self.flavor)
