"""Tests for quota_service: limits, reservations and their rollback."""
import unittest

from quota_service import QuotaExceeded, QuotaService, ReservationState, format_usage


class ReserveTest(unittest.TestCase):
    """Reserving resources against the default and overridden limits."""

    def setUp(self) -> None:
        self.service = QuotaService({"cores": 4, "instances": 2})

    def test_reserve_within_limit_increases_usage(self) -> None:
        self.service.reserve("demo", {"cores": 3})
        self.assertEqual(3, self.service.usage_of("demo", "cores"))

    def test_reserve_over_limit_raises_quota_exceeded(self) -> None:
        with self.assertRaises(QuotaExceeded) as caught:
            self.service.reserve("demo", {"cores": 5})
        self.assertEqual("cores", caught.exception.resource)

    def test_reserve_over_one_limit_changes_no_usage(self) -> None:
        # Cores fit but instances do not: nothing may be reserved.
        with self.assertRaises(QuotaExceeded):
            self.service.reserve("demo", {"cores": 1, "instances": 3})
        self.assertEqual(0, self.service.usage_of("demo", "cores"))

    def test_set_limit_overrides_default_for_one_project(self) -> None:
        self.service.set_limit("big", "cores", 64)
        self.assertEqual(64, self.service.limit_of("big", "cores"))
        self.assertEqual(4, self.service.limit_of("demo", "cores"))

    def test_set_negative_limit_raises_value_error(self) -> None:
        with self.assertRaises(ValueError):
            self.service.set_limit("demo", "cores", -1)


class RollbackTest(unittest.TestCase):
    """Giving reservations back."""

    def setUp(self) -> None:
        self.service = QuotaService({"cores": 4})
        self.reservation = self.service.reserve("demo", {"cores": 2})

    def test_rollback_frees_reserved_resources(self) -> None:
        self.service.rollback(self.reservation)
        self.assertEqual(0, self.service.usage_of("demo", "cores"))
        self.assertIs(ReservationState.ROLLED_BACK, self.reservation.state)

    def test_rollback_after_commit_keeps_usage(self) -> None:
        self.service.commit(self.reservation)
        self.service.rollback(self.reservation)
        self.assertEqual(2, self.service.usage_of("demo", "cores"))

    def test_format_usage_lists_resources_sorted_by_name(self) -> None:
        text = format_usage(self.service, "demo", ["instances", "cores"])
        self.assertEqual("cores: 2/4\ninstances: 0/0", text)
