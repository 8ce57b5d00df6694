import unittest


class FlavorApiTest(unittest.TestCase):
    """Listing and showing flavors through the API."""

    def setUp(self):
        self.flavors = {"m1.small": 512, "m1.large": 8192}

    def test_list_returns_every_flavor_sorted_by_name(self):
        self.assertEqual(["m1.large", "m1.small"], sorted(self.flavors))

    def test_show_unknown_flavor_raises_key_error(self):
        with self.assertRaises(KeyError):
            self.flavors["m1.tiny"]

    def make_flavor(self, name, ram):
        self.flavors[name] = ram
        return name


def test_module_level_flavor_defaults_are_positive():
    assert all(ram > 0 for ram in {"m1.small": 512}.values())
