"""Test classes around the organization limits (max-tests-per-class 15, min-test-group-size 2).

grouping_test.py runs with the defaults; grouping_configured_test.py is the same code under
grouping_configured_test.toml.
"""
import unittest


class ServerLifecycleTest(unittest.TestCase):
    """Three subjects of two tests each in one small class: worth a split by default."""

    def test_pause_sets_paused_state(self):
        pass

    def test_pause_twice_fails(self):
        pass

    def test_rescue_boots_rescue_image(self):
        pass

    def test_rescue_without_image_uses_base_image(self):
        pass

    def test_suspend_saves_memory_to_disk(self):
        pass

    def test_suspend_when_paused_fails(self):
        pass


class ServerResizeTest(unittest.TestCase):
    """Eight tests on one subject: fine by default, too many under a limit of 6."""

    def test_resize_up_grows_memory(self):
        pass

    def test_resize_down_shrinks_memory(self):
        pass

    def test_resize_to_same_flavor_fails(self):
        pass

    def test_resize_confirm_frees_old_allocation(self):
        pass

    def test_resize_revert_restores_flavor(self):
        pass

    def test_resize_while_paused_fails(self):
        pass

    def test_resize_over_quota_fails(self):
        pass

    def test_resize_notifies_once(self):
        pass
