# Nova-style test module: one TestCase whose test names range from vague to precise.
from unittest import mock

from nova import exception
from nova import test
from nova.tests import fixtures as nova_fixtures


class ServerActionsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.compute = self.useFixture(nova_fixtures.ComputeFixture())
        self.instance = self.compute.create_instance()

    def _boot(self, flavor):
        return self.compute.boot(flavor)

    def test_1(self):
        self.assertIsNotNone(self.instance)

    def test2(self):
        self.assertTrue(self.compute.is_up())

    def test_migrate(self):
        self.compute.migrate(self.instance)
        self.assertEqual('host2', self.instance.host)

    def testMigrate(self):
        self.assertRaises(exception.MigrationError, self.compute.migrate, None)

    def test_resize2(self):
        self.compute.resize(self.instance, 'm1.large')

    def test_live_migrate_one_instance(self):
        self.compute.stop_host('host2')
        self.assertRaises(exception.MigrationError,
                          self.compute.live_migrate, self.instance)

    @mock.patch('nova.compute.api.API.evacuate')
    def test_evacuate_instance(self, mock_evacuate):
        self.compute.evacuate(self.instance)
        mock_evacuate.assert_called_once_with(self.instance)

    def test_shelve_offload_instance(self):
        self.compute.shelve(self.instance)
        self.assertIsNone(self.instance.node)

    def test_rebuild_instance_image(self):
        self.compute.rebuild(self.instance)
        self.assertTrue(self.instance.is_active)

    def test_pause_instance_twice(self):
        pass

    # Names that state an outcome or a condition stay quiet.
    def test_resize_revert_restores_original_flavor(self):
        self.compute.resize(self.instance, 'm1.large')
        self.compute.revert_resize(self.instance)
        self.assertEqual('m1.small', self.instance.flavor)

    def test_evacuate_fails_when_no_other_host_has_capacity(self):
        self.assertRaises(exception.NoValidHost, self.compute.evacuate, self.instance)

    def test_live_migration_fails_when_instance_is_still_on_source_node(self):
        self.assertRaises(exception.MigrationError, self.compute.live_migrate, self.instance)

    def test_shelve_sets_task_state_to_none(self):
        self.compute.shelve(self.instance)
        self.assertIsNone(self.instance.task_state)

    def test_unshelve_without_image_reuses_volume(self):
        self.compute.unshelve(self.instance)

    def test_migrate_reschedules_to_alternate_host(self):
        self.compute.migrate(self.instance)

    def test_confirm_resize_deleted_instance(self):
        self.compute.confirm_resize(self.instance)

    def testResizeFailsWhenFlavorIsTooSmall(self):
        self.assertRaises(exception.FlavorDiskSmallerThanImage, self._boot, 'm1.tiny')


def helper_migrate():
    """Not a test: never judged."""
    return None
