# case: RV403 fix
"""Module."""
x = 1  # noqa: RV101
