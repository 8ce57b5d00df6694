# Copyright 2026 Example Cloud Contributors
#
# A realistic test module in the style the example review was written about: one large
# TestCase, mixed naming styles, half-done type hints and a long uncommented test.

import datetime
from unittest import mock

from compute import exception
from compute import objects
from compute import test
from compute.tests import fixtures


class ServerActionsTest(test.TestCase):

    def setUp(self):
        super(ServerActionsTest, self).setUp()
        self.useFixture(fixtures.SpawnIsSynchronousFixture())
        self.compute = fixtures.FakeCompute()
        self.hostA = self.compute.add_host('host-a')
        self.hostB = self.compute.add_host('host-b')
        self.flavor = objects.Flavor(name='m1.small', vcpus=1, memory_mb=512)

    def _makeServer(self, name, host=None):
        server = self.compute.create_server(name=name, flavor=self.flavor)
        if host:
            server.host = host
        return server

    def _wait_for_state(self, server, state: str, timeout=30) -> None:
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=timeout)
        while server.vm_state != state:
            if datetime.datetime.now() > deadline:
                raise AssertionError('server never reached %s' % state)
            server.refresh()

    def _get_hosts_that_are_enabled_and_not_in_maintenance_mode(self):
        return [h for h in self.compute.hosts if h.enabled and not h.maintenance]

    def test_1(self):
        server = self._makeServer('one')
        self.assertEqual('active', server.vm_state)

    def test_migrate(self):
        server = self._makeServer('migrating', host='host-a')
        self.compute.migrate(server)
        self.assertEqual('host-b', server.host)

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
        migration = objects.Migration.get_by_instance(server.uuid)
        self.assertEqual('failed', migration.status)
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

    def test_live_migrate_fails_when_no_host_has_capacity(self):
        server = self._makeServer('full', host='host-a')
        self.compute.set_load('host-b', 1.0)
        self.assertRaises(exception.NoValidHost, self.compute.live_migrate, server, None)

    def test_resize(self):
        server = self._makeServer('resizing')
        newFlavor = objects.Flavor(name='m1.large', vcpus=4, memory_mb=8192)
        self.compute.resize(server, newFlavor)
        self.assertEqual('resized', server.vm_state)

    def test_resize_revert_restores_original_flavor(self):
        server = self._makeServer('reverting')
        self.compute.resize(server, objects.Flavor(name='m1.large', vcpus=4, memory_mb=8192))
        self.compute.revert_resize(server)
        self.assertEqual('m1.small', server.flavor.name)

    def test_resize_confirm(self):
        server = self._makeServer('confirming')
        self.compute.resize(server, objects.Flavor(name='m1.large', vcpus=4, memory_mb=8192))
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
