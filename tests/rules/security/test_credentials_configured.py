"""A test file: asserts are how it checks, and its fake credentials are only hints."""

PASSWORD = "fixture-pass"  # RV616 at the test severity


def test_login(client):
    response = client.login(username="bob", password="hunter2")  # RV617 at the test severity
    assert response.ok  # quiet in a test file
