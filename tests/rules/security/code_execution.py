"""Code execution: eval, exec, deserialisation and YAML loaders."""
import marshal
import pickle as pk
import yaml
from dill import loads
from yaml import SafeLoader

import jsonpickle


def run_expression(request):
    expr = request.args["expr"]
    value = eval(expr)  # RV601
    exec("print(" + expr + ")")  # RV602
    return value


def quiet_code():
    total = eval("1 + 1")  # constant code: quiet
    exec("x = 1")  # constant code: quiet
    return total


def load_everything(blob, stream):
    a = pk.loads(blob)  # RV603 through the alias
    b = loads(blob)  # RV603 from dill
    c = marshal.loads(blob)  # RV603 marshal
    d = jsonpickle.decode(blob)  # RV603
    e = yaml.load(stream)  # RV604: no loader
    f = yaml.load(stream, Loader=yaml.FullLoader)  # RV604: unsafe loader
    g = yaml.unsafe_load(stream)  # RV604
    return a, b, c, d, e, f, g


def load_safely(stream):
    a = yaml.load(stream, Loader=SafeLoader)
    b = yaml.load(stream, Loader=yaml.CSafeLoader)
    c = yaml.load(stream, yaml.BaseLoader)
    d = yaml.safe_load(stream)
    return a, b, c, d


class Shadow:
    def loads(self, blob):
        return self.decode(blob)  # a method named loads: quiet
