# Well-named tests, helpers and a non-test class: nothing to report.
import unittest


class Migrator:
    def test_migrate(self):
        return True


class MigrateTest(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.migrator = Migrator()

    def _start(self):
        return self.migrator.test_migrate()

    def test_migrate_returns_true_for_a_running_instance(self):
        self.assertTrue(self._start())

    def test_migrate_raises_when_the_target_host_is_down(self):
        with self.assertRaises(RuntimeError):
            raise RuntimeError('host down')

    def test_cold_migrate_updates_instance_host(self):
        self.assertEqual('host2', 'host2')

    def test_migration_without_scheduler_hint(self):
        self.assertTrue(True)

    def testMigrateIsIdempotent(self):
        self.assertTrue(True)
