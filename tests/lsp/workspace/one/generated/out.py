x = eval("1")
