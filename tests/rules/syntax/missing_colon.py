if ready
    go()
