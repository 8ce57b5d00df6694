"""Suppression comments on variable-naming findings; run with unused-suppression selected too.

Every finding below is silenced except the control at the end. If a rule stopped firing, its
suppression would turn up as RV403 (unused); if a suppression stopped working, the finding would.
"""
# reviewls: ignore-file[RV303]


def scale(v, factor):  # noqa: RV301
    """`v` silenced by code."""
    return v * factor


def offset(b, delta):  # reviewls: ignore[single-letter-name]
    """`b` silenced by rule name."""
    return b + delta


def merge(defaults, overrides):
    """`tmp` silenced by a bare noqa, `stuff` by reviewls: ignore[RV302]."""
    tmp = dict(defaults)  # noqa
    stuff = dict(overrides)  # reviewls: ignore[RV302]
    tmp.update(stuff)
    return tmp


def banner(title):
    """`temp` holds a multi-line string: the comment goes where the statement ends."""
    temp = f"""
    ==== {title} ====
    """  # noqa: RV302
    return temp.strip()


def listing(list, id):
    """`list` and `id` shadow builtins: silenced for the whole file by ignore-file."""
    return [item for item in list if item != id]


def control(q):
    """Not suppressed: `q` is still reported."""
    return q
