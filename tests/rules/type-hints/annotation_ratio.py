"""Flavor lookups, mostly annotated: 4 of 6 functions carry annotations.

With the defaults (annotation-ratio 50) the module has an annotation habit, so the two
unannotated functions and the one return type left out are reported. annotation_ratio@raised
runs this module under annotation_ratio_raised.toml (annotation-ratio 80):
4 of 6 functions and 3 of 4 return types are below it, and nothing is reported.
"""


def find_flavor(flavors: dict, name: str) -> dict:
    """Return the flavor called `name`."""
    return flavors[name]


def flavor_names(flavors: dict) -> list:
    """Return the names of all flavors, sorted."""
    return sorted(flavors)


def largest_flavor(flavors: dict) -> str:
    """Return the name of the flavor with the most memory."""
    return max(flavors, key=lambda name: flavors[name]["ram"])


def describe_flavor(flavor: dict):
    """Return one line about `flavor`."""
    return f"{flavor['name']}: {flavor['vcpus']} vCPUs, {flavor['ram']} MB"


def legacy_lookup(flavors, flavor_id):
    """Find a flavor by its old numeric id."""
    return next(f for f in flavors.values() if f["id"] == flavor_id)


def print_flavors(flavors):
    """Print every flavor, one per line."""
    for flavor in flavors.values():
        print(describe_flavor(flavor))
