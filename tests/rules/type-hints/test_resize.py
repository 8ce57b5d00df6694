"""Tests for resize: tests are not held to the helpers' annotation habit."""
import unittest

from nova.compute import resize


def make_flavor(name: str, memory_mb: int = 512) -> dict:
    """A flavor dict as the API returns it."""
    return {"name": name, "memory_mb": memory_mb}


def make_instance(flavor: dict, host: str = "cmp-1") -> dict:
    """An instance dict on `host`."""
    return {"flavor": flavor, "host": host}


def boot(flavor):
    """Boot an instance: a helper, so the habit applies."""
    return make_instance(flavor)


class ResizeTestCase(unittest.TestCase):
    """Resize between flavors."""

    def setUp(self):
        super().setUp()
        self.flavor = make_flavor("small")

    def test_resize_up(self):
        instance = make_instance(self.flavor)
        self.assertEqual(resize.ratio(instance, make_flavor("big", 1024)), 2.0)

    def test_resize_down(self, flavor_name: str = "tiny", memory=256):
        instance = make_instance(self.flavor)
        self.assertLess(resize.ratio(instance, make_flavor(flavor_name, memory)), 1.0)
