"""A small Twisted-style client: three camelCase functions, two snake_case ones.

With the defaults (convention_settings.py) camelCase is this file's convention (3 of 5 = 60%),
so the snake_case functions stand out, and its two camelCase attributes are too few to set a
convention, so PEP 8 judges them. convention_settings_configured.toml raises
dominant-style-ratio to 70 (3 of 5 is no longer a majority, PEP 8 decides and the camelCase
functions are reported instead) and lowers min-names-for-convention to 2 (the two attributes
now set the file's convention and agree with it).
"""


class Connection:
    """One connection to a server."""

    def __init__(self, transport):
        self.peerAddress = transport.peer()
        self.bytesSent = 0


def openConnection(transport):
    return Connection(transport)


def sendRequest(connection, body):
    connection.bytesSent += len(body)
    return connection


def closeConnection(connection):
    return connection


def parse_headers(lines):
    return dict(line.split(":", 1) for line in lines)


def read_body(stream):
    return stream.read()
