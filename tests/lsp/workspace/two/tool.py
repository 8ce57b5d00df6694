import pickle


def restore(blob):
    tmp = pickle.loads(blob)
    return tmp
