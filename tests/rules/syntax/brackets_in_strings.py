"""A docstring with ( and [ and an escaped quote \""" inside, still open: ) ]"""
s = 'it\'s ( not a bracket'
t = "tab\\\\"  # a backslash ends the string; this ( is in a comment
u = '''three ' quotes '' and ( '''
v = 'unterminated ( string
w = call(1,
