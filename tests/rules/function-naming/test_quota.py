"""Test names may be long; helpers in test modules are still judged."""

import unittest


class QuotaTest(unittest.TestCase):
    def setUp(self):
        self.driver = object()

    def test_live_migration_fails_when_instance_is_still_on_source_node(self):
        self.assertIsNotNone(self.driver)

    def test_reserve_fails_when_project_is_over_quota_for_cores_and_ram(self):
        self.assertTrue(True)

    def mk_srv(self):
        return self.driver

    def build_a_server_with_two_ports_and_a_volume_for_migration_tests(self):
        return self.driver


def test_module_level_test_with_an_extremely_long_descriptive_name():
    assert True
