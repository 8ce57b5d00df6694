"""A nova-style test module: fixtures are API calls, not names to judge."""

import fixtures
from unittest import mock

from nova import test


class BillingTest(test.TestCase):
    """Billing of live-migrated instances."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.MonkeyPatch("nova.billing.rate", 1))
        self.flags(foo="bar", group="billing")
        self.api = self.useFixture(fixtures.MockPatch("nova.api")).mock

    def test_invoice_total(self):
        foo = self.api.get_invoice("1")
        self.assertIsNotNone(foo)

    @mock.patch("nova.billing.charge")
    def test_charge(self, mock_charge):
        with mock.patch("nova.billing.refund") as m:
            self.api.charge()
        m.assert_not_called()
        mock_charge.assert_called_once()

    def test_ids(self):
        id = self.api.create_server()["id"]
        self.assertTrue(id)
