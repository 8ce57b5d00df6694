import logging


def swallow(items):
    try:
        items.pop()
    except:  # RV623
        pass
    try:
        items.pop()
    except Exception:  # RV623
        pass
    for item in items:
        try:
            item.close()
        except Exception as exc:  # RV624
            continue
    try:
        items.pop()
    except IndexError:  # a narrow type is a decision: quiet
        pass
    try:
        items.pop()
    except Exception:  # logged: quiet
        logging.exception("pop failed")
