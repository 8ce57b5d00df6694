# case: RV403 fix
"""Module."""
x = 1
