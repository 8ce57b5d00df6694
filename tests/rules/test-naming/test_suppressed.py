"""Suppression comments on test-naming findings; run with unused-suppression selected too.

Every finding is silenced except the control at the end.
"""
# reviewls: ignore-file[RV452]
import unittest


class QuotaTest(unittest.TestCase):
    """Quota checks."""

    def test_1(self):  # noqa: RV451
        self.assertTrue(self.quota_ok(1))

    def test_quota(self):  # reviewls: ignore[vague-test-name]
        self.assertFalse(self.quota_ok(1000))

    def test2(self):  # noqa
        self.assertTrue(self.quota_ok(2))

    def test_reserve_quota(self):
        self.assertTrue(self.quota_ok(3))

    def test_3(self):
        self.assertTrue(self.quota_ok(4))

    def quota_ok(self, amount):
        return amount < 100
