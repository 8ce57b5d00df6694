"""Renderers: overrides share the documentation of the method they override."""
import codecs


class Renderer:
    """Turns a report into text."""

    def render(self, report):
        """Return the report as text, one finding a line."""
        lines = [str(item) for item in report]
        return "\n".join(lines)

    def footer(self, report):
        """Return the line that closes the report."""
        count = len(report)
        return f"{count} findings"


class HtmlRenderer(Renderer):
    """Renders as an HTML list."""

    def render(self, report):
        items = [f"<li>{item}</li>" for item in report]
        return "<ul>" + "".join(items) + "</ul>"

    def header(self, report):
        title = report.title
        return f"<h1>{title}</h1>"


class CompactHtmlRenderer(HtmlRenderer):
    """Renders as an HTML list without blank space."""

    def render(self, report):
        items = [f"<li>{item}</li>" for item in report]
        return "".join(items)

    def footer(self, report):
        count = len(report)
        return f"<p>{count}</p>"


class Unrelated:
    """Shares a method name with Renderer, not a base."""

    def render(self, report):
        lines = list(report)
        return lines


class Rot13Codec(codecs.Codec):
    """Rot13, for the examples."""

    def encode(self, text, errors="strict"):
        shifted = codecs.encode(text, "rot13")
        return shifted, len(text)

    def shout(self, text):
        louder = text.upper()
        return louder
