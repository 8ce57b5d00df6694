import tarfile
import xml.etree.ElementTree as ET
from xml.dom import minidom

import jinja2
from django.db.models.expressions import RawSQL
from django.utils.safestring import mark_safe
from flask import Flask
from jinja2 import Environment, select_autoescape

app = Flask(__name__)


def parse(text, path):
    ET.fromstring(text)  # RV625
    minidom.parse(path)  # RV625
    with tarfile.open(path) as tar:
        tar.extractall("/srv/out")  # RV626
        tar.extractall("/srv/out", filter="data")  # quiet


def templates(name, queryset):
    jinja2.Environment(loader=None)  # RV628: missing
    Environment(autoescape=False)  # RV628
    Environment(autoescape=select_autoescape())  # quiet
    mark_safe("<b>static</b>")  # quiet: literal
    mark_safe("<b>%s</b>" % name)  # RV629
    RawSQL("SELECT id FROM t WHERE name = '%s'" % name, [])  # RV631 (and RV608)
    RawSQL("SELECT id FROM t WHERE name = %s", [name])  # quiet
    queryset.extra(where=["name = '%s'" % name])  # RV630
    queryset.extra(where=["name = %s"], params=[name])  # quiet


if __name__ == "__main__":
    app.run(debug=True)  # RV627
    app.run(debug=False)  # quiet
