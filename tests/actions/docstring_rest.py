# case: RV253 fix docstring-style=rest
class Reader:
    """Reads headers."""

    def parse_header(self, line):
        # The first colon separates name and value.
        return line.split(":")
