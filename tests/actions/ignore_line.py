# case: RV253 ignore-line
def parse_header(line):  # parses
    return line
