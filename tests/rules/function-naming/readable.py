"""Look-alikes that must stay quiet: short common words, known acronyms and imposed names."""

import ast
import http.server
from typing import overload


def get(key):
    return key


def run(command):
    return command


def get_url(host):
    return "http://%s" % host


def to_json(value):
    return value


def load_sql_db(path):
    return path


def parse_xml(text):
    return text


def render_html(page):
    return page


def call_api(endpoint):
    return endpoint


def run_cmd(argv):
    return argv


def to_str(value):
    return str(value)


def max_len(values):
    return max(len(value) for value in values)


def get_cfg(options):
    return options


def sync():
    return None


def _dry_run(plan):
    return plan


def nth(values, index):
    return values[index]


def or_(left, right):
    return left or right


@overload
def coerce(value: int) -> int: ...
@overload
def coerce(value: str) -> str: ...
def coerce(value):
    return value


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers health checks."""

    def do_GET(self):
        self.send_response(200)

    def __eq__(self, other):
        return self is other

    def id(self):
        return "handler"


class Collector(ast.NodeVisitor):
    """Collects calls."""

    def visit_Call(self, node):
        self.generic_visit(node)
