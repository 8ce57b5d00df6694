# A consistent 4-space module: continuation lines, docstrings and one-line bodies are not
# blocks and are not judged.
def resize(instance,
           flavor,
               strict=False):
    """Resize an instance.

      Indented text inside a docstring is content, not code.
    """
    payload = {
      "flavor": flavor,
          "strict": strict,
    }
    if strict: return payload
    query = """
  SELECT * FROM instances
        WHERE id = %s
"""
    # A comment at any indent
        # is not a block either.
    return instance.resize(payload, query)


class Flavor:
    def __init__(self, name):
        self.name = name
