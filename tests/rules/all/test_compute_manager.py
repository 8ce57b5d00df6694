# Copyright 2026 Example Cloud Contributors
#
# The kind of module the example review was written about, grown larger: one TestCase that
# holds every compute-manager test, camelCase next to snake_case, type hints on a few helpers
# only, no docstrings, a cryptic helper and an overlong one, a method indented by two spaces,
# and a live-migration test that runs on for more than fifty lines without a comment.

import datetime
from typing import Optional
from unittest import mock

from compute import exception
from compute import manager
from compute import objects
from compute import test
from compute.tests import fixtures

FAKE_IMAGE = 'cirros-0.6.2'
DEFAULT_FLAVOR = 'm1.small'


class ComputeManagerTest(test.TestCase):

    def setUp(self):
        super(ComputeManagerTest, self).setUp()
        self.useFixture(fixtures.SpawnIsSynchronousFixture())
        self.notifier = self.useFixture(fixtures.NotificationFixture())
        self.compute = manager.ComputeManager(host='host-a')
        self.hostA = self.compute.add_host('host-a')
        self.hostB = self.compute.add_host('host-b')
        self.defaultFlavor = objects.Flavor(name=DEFAULT_FLAVOR, vcpus=1, memory_mb=512)

    def _makeServer(self, name, host=None, flavor=None):
        server = self.compute.create_server(name=name, image=FAKE_IMAGE,
                                            flavor=flavor or self.defaultFlavor)
        if host:
            server.host = host
        return server

    def _wait_for_state(self, server, state: str, timeout: int = 30) -> None:
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
        while server.vm_state != state:
            if datetime.datetime.now() > deadline:
                raise AssertionError('server never reached %s' % state)
            server.refresh()

    def _find_migration(self, server, status: Optional[str]):
        migrations = objects.MigrationList.get_by_instance(server.uuid)
        return [m for m in migrations if status is None or m.status == status]

    def mk_flv(self, ram):
        return objects.Flavor(name='custom-%d' % ram, vcpus=2, memory_mb=ram)

    def _get_all_hosts_that_are_enabled_and_not_in_maintenance_mode(self):
        return [h for h in self.compute.hosts if h.enabled and not h.maintenance]

    def _count_allocations(self, host):
      total = 0
      for alloc in self.compute.allocations(host):
        total += alloc.vcpus
      return total

    def test_1(self):
        server = self._makeServer('one')
        self.assertEqual('active', server.vm_state)

    def test_2(self):
        server = self._makeServer('two', host='host-b')
        self.assertEqual('host-b', server.host)

    def test_migrate(self):
        server = self._makeServer('migrating', host='host-a')
        self.compute.migrate(server)
        self.assertEqual('host-b', server.host)

    def test_migrate_to_disabled_host_fails(self):
        server = self._makeServer('blocked', host='host-a')
        self.compute.disable_host('host-b')
        self.assertRaises(exception.NoValidHost, self.compute.migrate, server)

    def test_live_migrate_one_instance(self):
        server = self._makeServer('live', host='host-a')
        self.compute.set_load('host-a', 0.2)
        self.compute.set_load('host-b', 0.9)
        x = self.compute.get_migration_targets(server)
        self.assertEqual(['host-b'], [h.name for h in x])
        self.compute.live_migrate(server, 'host-b')
        self._wait_for_state(server, 'migrating')
        self.compute.fail_next_rpc('post_live_migration')
        self.compute.finish_migrations()
        self._wait_for_state(server, 'error')
        self.assertEqual('host-a', server.host)
        self.assertEqual('error', server.vm_state)
        migration = self._find_migration(server, 'failed')[0]
        self.assertEqual('host-a', migration.source_compute)
        self.assertEqual('host-b', migration.dest_compute)
        events = self.compute.events_for(server)
        self.assertEqual(4, len(events))
        self.assertEqual('live_migration_pre', events[0].name)
        self.assertEqual('live_migration_post', events[-1].name)
        self.assertIsNotNone(events[-1].traceback)
        self.compute.reset_state(server)
        self._wait_for_state(server, 'active')
        self.assertEqual('host-a', server.host)
        self.assertFalse(self.compute.has_allocations('host-b', server))
        self.assertTrue(self.compute.has_allocations('host-a', server))
        self.assertEqual(1, self.compute.count_instances('host-a'))
        self.assertEqual(0, self.compute.count_instances('host-b'))
        notifications = self.notifier.versioned_notifications
        self.assertEqual(6, len(notifications))
        self.assertEqual('instance.live_migration_pre.start', notifications[0]['event_type'])
        self.assertEqual('instance.live_migration_pre.end', notifications[1]['event_type'])
        self.assertEqual('instance.live_migration_abort.start', notifications[2]['event_type'])
        self.assertEqual('instance.live_migration_abort.end', notifications[3]['event_type'])
        self.assertEqual('instance.reset_state.start', notifications[4]['event_type'])
        self.assertEqual('instance.reset_state.end', notifications[5]['event_type'])
        newFlavor = self.mk_flv(1024)
        self.compute.resize(server, newFlavor)
        self._wait_for_state(server, 'resized')
        self.compute.confirm_resize(server)
        self._wait_for_state(server, 'active')
        self.assertEqual(1024, server.flavor.memory_mb)
        self.assertEqual(2, self._count_allocations('host-a'))
        self.compute.live_migrate(server, 'host-b')
        self._wait_for_state(server, 'active')
        self.assertEqual('host-b', server.host)
        self.assertEqual(0, self._count_allocations('host-a'))
        self.assertEqual(2, self._count_allocations('host-b'))
        migration = self._find_migration(server, 'completed')[-1]
        self.assertEqual('host-a', migration.source_compute)
        self.assertEqual('host-b', migration.dest_compute)
        self.assertEqual('completed', migration.status)
        self.assertEqual(1, self.compute.count_instances('host-b'))
        self.assertEqual(0, self.compute.count_instances('host-a'))
        self.assertEqual(8, len(self.notifier.versioned_notifications))

    def test_live_migrate_fails_when_no_host_has_capacity(self):
        server = self._makeServer('full', host='host-a')
        self.compute.set_load('host-b', 1.0)
        self.assertRaises(exception.NoValidHost, self.compute.live_migrate, server, None)

    def test_resize(self):
        server = self._makeServer('resizing')
        newFlavor = self.mk_flv(8192)
        self.compute.resize(server, newFlavor)
        self.assertEqual('resized', server.vm_state)

    def test_resize_revert_restores_original_flavor(self):
        server = self._makeServer('reverting')
        self.compute.resize(server, self.mk_flv(8192))
        self.compute.revert_resize(server)
        self.assertEqual(DEFAULT_FLAVOR, server.flavor.name)

    def test_resize_confirm(self):
        server = self._makeServer('confirming')
        self.compute.resize(server, self.mk_flv(8192))
        self.compute.confirm_resize(server)
        self.assertEqual('active', server.vm_state)

    def test_evacuate(self):
        server = self._makeServer('evacuee', host='host-a')
        self.compute.disable_host('host-a')
        self.compute.evacuate(server)
        self.assertEqual('host-b', server.host)

    def test_evacuate_fails_when_no_other_host_has_capacity(self):
        server = self._makeServer('stuck', host='host-a')
        self.compute.disable_host('host-b')
        self.assertRaises(exception.NoValidHost, self.compute.evacuate, server)

    @mock.patch('compute.api.notify')
    def test_shelve(self, mock_notify):
        server = self._makeServer('shelved')
        self.compute.shelve(server)
        self.assertEqual('shelved', server.vm_state)
        mock_notify.assert_called_once()

    def test_shelve_offload(self):
        server = self._makeServer('offloaded', host='host-a')
        self.compute.shelve(server)
        self.compute.shelve_offload(server)
        self.assertIsNone(server.host)

    def test_unshelve(self):
        server = self._makeServer('unshelved')
        self.compute.shelve(server)
        self.compute.unshelve(server)
        self.assertEqual('active', server.vm_state)

    def test_rebuild(self):
        server = self._makeServer('rebuilt')
        self.compute.rebuild(server, image='fedora-40')
        self.assertEqual('fedora-40', server.image)

    def test_rebuild_keeps_host(self):
        server = self._makeServer('rebuilt-in-place', host='host-a')
        self.compute.rebuild(server, image='fedora-40')
        self.assertEqual('host-a', server.host)

    def test_pause(self):
        server = self._makeServer('paused')
        self.compute.pause(server)
        self.assertEqual('paused', server.vm_state)

    def test_pause_twice_fails(self):
        server = self._makeServer('paused-twice')
        self.compute.pause(server)
        self.assertRaises(exception.InstanceInvalidState, self.compute.pause, server)

    def test_hosts(self):
        hosts = self._get_all_hosts_that_are_enabled_and_not_in_maintenance_mode()
        self.assertEqual(2, len(hosts))
