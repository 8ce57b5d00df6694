def find_user(cursor, name, table):
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)  # RV608 warning
    cursor.execute(f"DELETE FROM {table} WHERE id = 1")  # RV608
    cursor.executemany("INSERT INTO t (a) VALUES (" + name + ")", [])  # RV608
    query = "UPDATE users SET name = '{}'".format(name)  # RV608 information (not in execute)
    cursor.execute(query)
    return cursor.fetchall()


def quiet(cursor, name):
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    message = "select a file from the list: %s" % name  # reads like SQL: information, as bandit
    label = "Updated %d rows" % 3
    return message, label
