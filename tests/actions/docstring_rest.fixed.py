# case: RV253 fix docstring-style=rest
class Reader:
    """Reads headers."""

    def parse_header(self, line):
        # The first colon separates name and value.
        """TODO: say what `parse_header` does.

        :param line: TODO.
        :returns: TODO.
        """
        return line.split(":")
