"""A script-style module that annotates almost nothing: 1 of 5 functions.

loose_module.py (defaults, annotation-ratio 50) reports nothing; this copy runs under
loose_module_lowered.toml (annotation-ratio 20), where 1 of 5 is habit enough.
"""
import sys


def parse(argv):
    """Read the command line."""
    return argv[1:]


def main():
    """Entry point."""
    args = parse(sys.argv)
    print(args)


def run(config):
    """Run with a configuration."""
    return config


def helper(x):
    """A helper."""
    return x


def count(items: list) -> int:
    """The one annotated function."""
    return len(items)
