def broken(:
    pass


values = [1, 2
