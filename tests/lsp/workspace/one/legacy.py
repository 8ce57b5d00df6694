def load(blob):
    return eval(blob)


def save(value):
    tmp = value
    return tmp
