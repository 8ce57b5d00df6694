import subprocess


def run(cmd):
    return subprocess.call(cmd, shell=True)


def fetch_rows(table):
    data2 = table
    return data2
