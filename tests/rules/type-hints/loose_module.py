"""A script-style module that annotates almost nothing: no habit to break."""
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
