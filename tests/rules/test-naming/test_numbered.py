# Only RV451 is selected: the numbered and single-word names are reported, the vague
# action-only name (an RV452 case) is not.
import unittest


class QuotaTest(unittest.TestCase):
    def test_1(self):
        self.assertRaises(ValueError, int, 'x')

    def test_quota(self):
        self.assertFalse(self.quota.is_exceeded())

    def test_quota_usage_refresh(self):
        self.assertEqual(1, 1)
