"""Function names around the length limits (min-function-name-length 3, max 40).

name_lengths.py runs with the defaults; name_lengths_configured.py is the same code under
name_lengths_configured.toml, which raises both limits.
"""


def go(route):
    """Two characters: cryptic at any minimum above 2."""
    return route.follow()


def load(path):
    """Four characters: fine by default, cryptic under a minimum of 5."""
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def save_report(path, text):
    """Eleven characters: fine under both."""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)


def refresh_quota_usage_for_every_project(projects):
    """Thirty-seven characters: fine under both."""
    return [project.refresh_usage() for project in projects]


def reserve_quota_for_the_project_if_usage_allows_it(project, amount):
    """Forty-eight characters: too long by default, accepted under a limit of 50."""
    return project.reserve(amount)
