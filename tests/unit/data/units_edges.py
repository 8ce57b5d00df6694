"""Unit boundaries that touch: statements joined by semicolons, a comment after a class's
single statement, decorated and nested classes, and a class of one statement."""
import os; import sys


class Joined:
    x = 5; y: int = 6
    z = 7;


class error_reply(Exception): pass          # a comment in the body
class error_temp(Exception): pass  # another


@staticmethod
class Decorated:
    a = 1
    b = 2; c = 3

    class Inner:
        d = 4
        e = 5


class Single:
    only = 1


value = os.sep; other = sys.argv
