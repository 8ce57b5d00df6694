"""Suppression comments on type-hint findings in an annotated module.

Run with unused-suppression selected too: every finding is silenced except the control.
"""
# reviewls: ignore-file[RV203]


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
    """No return type: silenced for the whole file by ignore-file."""
    return f"{flavor['name']}: {flavor['ram']} MB"


def legacy_lookup(flavors, flavor_id):  # noqa: RV202
    """Silenced by code."""
    return flavors[flavor_id]


def print_flavors(flavors):  # reviewls: ignore[missing-annotations]
    """Silenced by rule name."""
    for flavor in flavors.values():
        print(describe_flavor(flavor))


def resize_flavor(flavor: dict, ram, vcpus) -> dict:  # noqa
    """Half-annotated, silenced by a bare noqa."""
    return dict(flavor, ram=ram, vcpus=vcpus)


def rename_flavor(
    flavor: dict,
    name,  # reviewls: ignore[RV201]
) -> dict:
    """Half-annotated over several lines: the comment goes on the unannotated parameter."""
    return dict(flavor, name=name)


def copy_flavor(flavor: dict, name) -> dict:
    """Not suppressed: the control."""
    return dict(flavor, name=name)
