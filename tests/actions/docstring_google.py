# case: RV253 fix
def parse_header(line, strict=False, *rest, **options):
    if not line:
        raise ValueError("empty")
    return line.split(":")
