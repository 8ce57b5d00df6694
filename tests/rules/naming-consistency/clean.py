"""Look-alikes that must stay quiet: framework names, constants, dunders and type-like names."""

import ast
import http.server
import logging
from collections import namedtuple
from typing import TypeVar

__all__ = ["NameCollector", "RequestHandler"]
__version__ = "1.0"

LOG = logging.getLogger(__name__)
MAX_RETRIES = 3
DEFAULT_TIMEOUT = 30.0
_CACHE_SIZE = 128
T = TypeVar("T")
HostRecord = namedtuple("HostRecord", ["name", "zone"])
JsonDict = dict
registry = {}
default_zone = "nova"


class NameCollector(ast.NodeVisitor):
    """Collects every name a module loads."""

    SKIPPED_NAMES = frozenset({"self", "cls"})

    def __init__(self):
        self.names = []
        self._seen = set()
        self.MAX_DEPTH = 10

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self.generic_visit(node)

    def visitNode(self, node):
        self.generic_visit(node)


class RequestHandler(http.server.BaseHTTPRequestHandler):
    """Answers health checks."""

    def do_GET(self):
        self.send_response(200)

    def do_HEAD(self):
        self.send_response(200)

    def log_message(self, format_string, *args):
        LOG.debug(format_string, *args)


class ListHandler(logging.Handler):
    """Keeps log records in memory."""

    def __init__(self, level=logging.NOTSET):
        super().__init__(level)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def handleError(self, record):
        self.records.append(record)


class HTTP:
    """An all-capitals acronym is still a class name."""


class XMLParser:
    """PascalCase with an acronym."""

    def parse(self, text, _unused=None):
        tree_root = text.strip()
        n = len(tree_root)
        return tree_root, n


def load_hosts(zone_name):
    hosts = registry.get(zone_name, [])
    return [host for host in hosts if host]
