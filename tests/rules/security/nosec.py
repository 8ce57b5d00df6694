import os
import subprocess


def run(cmd):
    subprocess.run(cmd, shell=True)  # nosec
    subprocess.run(cmd, shell=True)  # nosec B602
    subprocess.run(cmd, shell=True)  # nosec B101
    os.system(cmd)  # reviewls: ignore[RV606]
