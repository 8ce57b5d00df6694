def withdraw(account, amount):
    assert amount > 0, "amount must be positive"  # RV632
    account.balance -= amount


def test_withdraw():
    assert withdraw is not None  # a test function: quiet


class TestAccount:
    def check(self):
        assert True  # a test class: quiet
