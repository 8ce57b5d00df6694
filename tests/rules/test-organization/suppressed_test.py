"""Suppression comments on test-organization findings; run with unused-suppression selected too.

Every finding is silenced except the control at the end.
"""
import unittest


class ServerActionsTest(unittest.TestCase):  # noqa: RV501, RV502
    """Too many tests in three groups: both findings silenced by code."""

    def test_migrate_moves_server_to_target(self):
        pass

    def test_migrate_fails_without_target(self):
        pass

    def test_migrate_keeps_flavor(self):
        pass

    def test_migrate_updates_host(self):
        pass

    def test_migrate_notifies_once(self):
        pass

    def test_migrate_frees_source(self):
        pass

    def test_resize_grows_memory(self):
        pass

    def test_resize_shrinks_disk(self):
        pass

    def test_resize_to_same_flavor_fails(self):
        pass

    def test_resize_confirm_frees_allocation(self):
        pass

    def test_resize_revert_restores_flavor(self):
        pass

    def test_evacuate_moves_off_failed_host(self):
        pass

    def test_evacuate_fails_when_host_is_up(self):
        pass

    def test_evacuate_keeps_volumes(self):
        pass

    def test_evacuate_rebuilds_on_target(self):
        pass

    def test_evacuate_clears_task_state(self):
        pass


class LifecycleTest(unittest.TestCase):  # reviewls: ignore[unrelated-test-groups]
    """Three small groups: silenced by rule name."""

    def test_pause_sets_paused_state(self):
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


class PowerTest(unittest.TestCase):  # noqa
    """Three small groups: silenced by a bare noqa."""

    def test_pause_sets_paused_state(self):
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


class ControlTest(unittest.TestCase):
    """Not suppressed: the control."""

    def test_pause_sets_paused_state(self):
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
