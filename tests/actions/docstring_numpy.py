# case: RV253 fix docstring-style=numpy
def parse_header(line: str, strict=False):
    if not line:
        raise ValueError("empty")
    return line.split(":")
