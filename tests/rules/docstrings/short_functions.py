"""docstring-min-lines exempts short functions; long ones still need a docstring."""


def area(width, height):
    return width * height


def report(rows):
    total = 0
    for row in rows:
        total += row.size
    lines = [str(row) for row in rows]
    lines.append("total: %d" % total)
    return "\n".join(lines)
