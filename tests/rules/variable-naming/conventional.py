"""Look-alikes that must stay quiet: conventional short names and descriptive ones."""

from typing import TypeVar

T = TypeVar("T")
KT = TypeVar("KT")
MAX_ITEMS = 100


class Point:
    """A point on a plane."""

    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.id = None
        self.type = "point"

    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)

    def __exit__(self, t, v, tb):
        return False

    def moved(self, dx, dy):
        x = self.x + dx
        y = self.y + dy
        return Point(x, y)


def first(items):
    for i, item in enumerate(items):
        if i == 0:
            return item
    return None


def squares(values):
    return [v * v for v in values if v]


def read(path):
    with open(path) as f:
        return f.read()


def safe_parse(text, n=0):
    try:
        return int(text) + n
    except ValueError as e:
        raise RuntimeError(text) from e


def pairs(mapping):
    for k, v in mapping.items():
        _ = k
        yield v


def apply(values):
    return sorted(values, key=lambda x: -x)


def totals(invoice_lines, temp_dir, data_dir):
    line_total = sum(line.amount for line in invoice_lines)
    return line_total, temp_dir, data_dir
