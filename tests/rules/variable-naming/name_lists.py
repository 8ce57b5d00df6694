"""Short and placeholder names against the default lists and against configured ones.

name_lists.py runs with the defaults; name_lists_configured.py is the same code under
name_lists_configured.toml, which replaces both lists.
"""


def area(w, h):
    """`w` and `h` are single letters: reported unless the list allows them."""
    return w * h


def average_delay(delays):
    """`n` is in the default list of allowed short names, not in the configured one."""
    n = len(delays)
    return sum(delays) / n if n else 0.0


def merge_quotas(defaults, overrides):
    """`tmp` is a default placeholder; `scratch` is one only in the configured list."""
    tmp = dict(defaults)
    scratch = dict(overrides)
    tmp.update(scratch)
    return tmp
