"""Suppression comments on security findings (nosec has its own case, nosec.py).

Run with unused-suppression selected too: every finding is silenced except the control.
"""
# reviewls: ignore-file[RV632]
import hashlib
import pickle
import subprocess


def evaluate(expr):
    """eval silenced by code, exec by rule name."""
    value = eval(expr)  # noqa: RV601
    exec("print(" + expr + ")")  # reviewls: ignore[exec-used]
    return value


def load_cache(blob):
    """Silenced by a bare noqa."""
    return pickle.loads(blob)  # noqa


def find_user(cursor, name):
    """SQL built in a multi-line string: the comment goes where the statement ends."""
    cursor.execute("""
        SELECT * FROM users
        WHERE name = '%s'
    """ % name)  # noqa: RV608
    assert cursor.rowcount >= 0
    return cursor.fetchall()


def checksum(payload):
    """Not suppressed: the control."""
    return hashlib.md5(payload).hexdigest()


def archive(path):
    """A call spread over several lines, silenced on the line of its finding."""
    return subprocess.run(
        f"tar czf {path}.tgz {path}",
        shell=True,  # reviewls: ignore[shell-command-string-built]
    )
