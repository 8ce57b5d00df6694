def helper_for_the_package(value):
    """A private module needs no module docstring."""
    return value
