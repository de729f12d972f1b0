"""The catalogue browser on listing pages: its configuration and the no-JavaScript list under it."""

from __future__ import annotations

import json

import jinja2
from markupsafe import Markup

from .facets import browse_config
from .kinds import KINDS
from .model import Catalogue
from .pages import render_cards, select
from .urls import relative_url

_env = jinja2.Environment(loader=jinja2.PackageLoader("almenviden", "templates"), autoescape=True)


def render_browser(catalogue: Catalogue, kind: str | None, page_url: str, *, directory_urls: bool = True) -> str:
    """Facets, search field and result cards for one kind (or all kinds), over a plain list for no-JS and print."""
    if kind:
        fallback = Markup(render_cards(select(catalogue, kind), catalogue, page_url, directory_urls=directory_urls))
    else:
        links = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(relative_url(page_url, f"{k.url_dir}/" if directory_urls else f"{k.url_dir}/index.html"), k.plural)
            for k in KINDS.values())
        fallback = Markup("<p>Søgningen kræver JavaScript. Uden JavaScript kan du bruge oversigterne: {}.</p>"
                          ).format(links)
    config = json.dumps(browse_config(catalogue, kind), ensure_ascii=False, separators=(",", ":"))
    return _env.get_template("catalogue.html").render(config_json=config, fallback=fallback)
