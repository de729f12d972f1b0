"""The one Jinja environment for the site's HTML: the package's own templates (render/templates/), autoescaped.

Entry text never passes through Jinja as a template: it arrives as values (escaped, or Markup already
sanitised by render.markdown). The YAML scaffolds of `almenviden new` have their own environment in
content/scaffold.py, because YAML must not be HTML-escaped.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from almenviden.browser.constants import SUMMARY_WEIGHT

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
env.globals["summary_weight"] = SUMMARY_WEIGHT  # entry.html's search mode; shared with the browser code


def template(name: str) -> jinja2.Template:
    return env.get_template(name)
