# case: RV253 fix docstring-style=numpy
def parse_header(line: str, strict=False):
    """TODO: say what `parse_header` does.

    Parameters
    ----------
    line : str
        TODO.
    strict
        TODO.

    Returns
    -------
    TODO
        TODO.

    Raises
    ------
    ValueError
        TODO.
    """
    if not line:
        raise ValueError("empty")
    return line.split(":")
