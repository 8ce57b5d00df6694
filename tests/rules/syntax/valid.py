def fine():
    return {"a": [1, 2]}
