def parse_line(text):
    l = text.split()
    return l


def ParseWord(text):
    return text
