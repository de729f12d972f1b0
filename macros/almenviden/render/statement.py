"""The accessibility statement page (tilgængelighedserklæring): its text from the site's configuration.

The Danish web accessibility act (lov nr. 692 af 8. juni 2018, § 4) asks public bodies, which Digitaliseringsstyrelsen
counts almene boligorganisationer among, to publish a statement made in Digitaliseringsstyrelsen's WAS-Tool at
was.digst.dk and to link to it from every page's footer. This page follows the statement's structure (what is
accessible, known gaps, how to report a problem, the date of the last check) and links to the organisation's
own statement when the configuration names it.
"""

from __future__ import annotations

from datetime import date


from almenviden.render.environment import template
from almenviden.danish.dates import danish_date


DEFAULTS = {"organisation": "almenviden-projektet", "was_url": "", "email": "", "phone": "", "checked": None}


def _checked(value) -> str:
    if isinstance(value, date):
        return danish_date(value)
    if isinstance(value, str) and value:
        try:
            return danish_date(date.fromisoformat(value))
        except ValueError:
            return value
    return ""


def render_statement(settings: dict | None, site_name: str) -> str:
    """The statement's HTML from `extra.accessibility` in mkdocs.yml (missing keys take the defaults)."""
    conf = {**DEFAULTS, **(settings or {})}
    was_url = str(conf["was_url"] or "")
    if was_url and not was_url.startswith("https://"):
        was_url = ""  # only a web address becomes a link
    return template("statement.html").render(
        site_name=site_name, organisation=conf["organisation"], was_url=was_url, email=conf["email"],
        phone=conf["phone"], checked=_checked(conf["checked"]))
