#!/usr/bin/env python3
# case: RV253 ignore-file
def parse_header(line):
    return line
