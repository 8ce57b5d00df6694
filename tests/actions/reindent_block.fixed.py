# case: RV352 fix
def one(a):
    if a:
        return 1
    return 2


def two(b):
    if b:
        items = [1,
             2]
        return """x
  y"""
    return 3


def three(c):
    for x in c:
        print(x)
