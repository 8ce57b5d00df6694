# case: RV351 fix
def one(a):
    if a:
        return 1
    return 2


def two(b):
    if b:
        return 1
    return 3


def three(c):
    for x in c:
        print(x)
