def compute(value):
return value


if ready:
    go()
else:
stop()


class Empty:
