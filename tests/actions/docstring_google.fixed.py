# case: RV253 fix
def parse_header(line, strict=False, *rest, **options):
    """TODO: say what `parse_header` does.

    Args:
        line: TODO.
        strict: TODO.
        *rest: TODO.
        **options: TODO.

    Returns:
        TODO.

    Raises:
        ValueError: TODO.
    """
    if not line:
        raise ValueError("empty")
    return line.split(":")
