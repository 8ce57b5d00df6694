# The review example's shape: one nova-style TestCase for every server action.
from nova import test
from nova.tests import fixtures as nova_fixtures


class ServerActionsTest(test.TestCase):

    def setUp(self):
        super().setUp()
        self.useFixture(nova_fixtures.NeutronFixture(self))
        self.compute = self.useFixture(nova_fixtures.ComputeFixture())

    def test_migrate_one_instance_moves_it(self):
        self.compute.migrate()

    def test_migrate_to_same_host_fails(self):
        self.compute.migrate()

    def test_migrate_with_target_host_uses_it(self):
        self.compute.migrate()

    def test_migrate_when_host_down_raises(self):
        self.compute.migrate()

    def test_migrate_updates_task_state(self):
        self.compute.migrate()

    def test_migrate_reverts_on_error(self):
        self.compute.migrate()

    def test_live_migrate_sets_migration_status(self):
        self.compute.migrate()

    def test_cold_migrate_resizes_disk(self):
        self.compute.migrate()

    def test_resize_to_same_flavor_fails(self):
        self.compute.resize()

    def test_resize_updates_flavor(self):
        self.compute.resize()

    def test_resize_revert_restores_flavor(self):
        self.compute.resize()

    def test_resize_confirm_deletes_source(self):
        self.compute.resize()

    def test_resize_with_smaller_disk_raises(self):
        self.compute.resize()

    def test_resize_sets_task_state(self):
        self.compute.resize()

    def test_resize_when_quota_exceeded_fails(self):
        self.compute.resize()

    def test_evacuate_moves_instance(self):
        self.compute.evacuate()

    def test_evacuate_fails_when_host_up(self):
        self.compute.evacuate()

    def test_evacuate_with_shared_storage_keeps_disk(self):
        self.compute.evacuate()

    def test_evacuate_sets_migration_type(self):
        self.compute.evacuate()

    def test_evacuate_without_host_picks_one(self):
        self.compute.evacuate()

    def test_shelve_offloads_instance(self):
        self.compute.shelve()

    def test_shelve_sets_vm_state(self):
        self.compute.shelve()

    def test_unshelve_restores_instance(self):
        self.compute.shelve()


class ShelveTest(test.TestCase):
    """Small and about one subject (shelve/unshelve): quiet."""

    def test_shelve_offloads_instance(self):
        pass

    def test_shelve_sets_vm_state(self):
        pass

    def test_unshelve_restores_instance(self):
        pass

    def test_unshelving_twice_fails(self):
        pass


class VolumeTest(test.TestCase):
    """Two subjects in a small class: a detail, not worth a split."""

    def test_attach_sets_device(self):
        pass

    def test_attach_twice_fails(self):
        pass

    def test_detach_clears_device(self):
        pass

    def test_detach_unknown_volume_raises(self):
        pass


class LifecycleTest(test.TestCase):
    """Small, but three unrelated subjects of two tests each: split."""

    def test_pause_sets_state(self):
        pass

    def test_pause_twice_fails(self):
        pass

    def test_rescue_boots_rescue_image(self):
        pass

    def test_rescue_without_image_uses_base(self):
        pass

    def test_suspend_saves_memory(self):
        pass

    def test_suspend_when_paused_fails(self):
        pass

    def test_lock_blocks_actions(self):
        pass
