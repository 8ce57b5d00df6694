# Intentionally empty: a placeholder for generated code.
