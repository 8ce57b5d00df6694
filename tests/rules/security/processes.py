import os
import subprocess
import subprocess as sp
from os import system as run


def deploy(path, branch):
    subprocess.run(f"git checkout {branch}", shell=True)  # RV633 (f-string)
    sp.call("tar xf " + path, shell=True)  # RV633 (+) and RV607 not (not a literal)
    subprocess.Popen("ls -l", shell=True)  # RV605 at information, RV607
    subprocess.check_output(path, shell=True)  # RV605
    os.system("rm -rf %s" % path)  # RV633
    run(path)  # RV606 through `from os import system as run`
    os.popen("uptime")  # RV606 information, RV607


def quiet(path):
    subprocess.run(["/usr/bin/git", "status"])  # a list, no shell, absolute path
    subprocess.run(["/bin/ls", path], shell=False)
    subprocess.run("/bin/true", shell=False)
    subprocess.run(["./build.sh"])
    os.execv("/usr/bin/env", ["env"])


def partial():
    subprocess.run(["git", "status"])  # RV607
    os.execvp("make", ["make"])  # RV607
