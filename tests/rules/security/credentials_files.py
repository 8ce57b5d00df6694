import os
import socket
import stat
import tempfile
from pathlib import Path

password = "hunter2"  # RV616
DB_PASSWORD = "s3cr3t!"  # RV616
API_TOKEN = "ghp_abcdef123456"  # RV616
settings = {"password": "letmein"}  # RV616
empty_password = ""  # quiet
no_password = None  # quiet
env_password = os.environ["DB_PASSWORD"]  # quiet
PASSWORD_PROMPT = "Password: "  # quiet (not a credential name, and a prompt)
TOKEN = "token"  # a key name, quiet
token_type = "bearer"  # quiet: the name does not end in a credential word


def login(user, password="admin"):  # RV618
    connect(user, password="root")  # RV617
    if password == "":  # quiet
        return None
    if password == "hunter2":  # RV616
        return user
    return None


def connect(user, password=None, token=""):  # quiet defaults
    return user, password, token


def files(data):
    with open("/tmp/cache.json", "w") as f:  # RV619
        f.write(data)
    name = tempfile.mktemp()  # RV620
    os.chmod(name, 0o777)  # RV621
    os.chmod(name, stat.S_IRWXU | stat.S_IWOTH)  # RV621
    Path(name).chmod(0o666)  # RV621
    os.chmod(name, 0o755)  # quiet: not world-writable
    os.chmod(name, 0o600)  # quiet
    if name.startswith("/tmpfiles"):  # quiet: not /tmp
        pass
    return name


def serve():
    s = socket.socket()
    s.bind(("0.0.0.0", 8080))  # RV622
    if s.getsockname()[0] == "0.0.0.0":  # comparison: quiet
        pass
    s.bind(("127.0.0.1", 8080))  # quiet
