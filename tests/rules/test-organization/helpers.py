# Not a test module: a big class of test_* helpers is not a test class and is not judged.
class Checks:
    def test_disk(self):
        return True

    def test_network(self):
        return True

    def test_power(self):
        return True
