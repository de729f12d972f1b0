"""The catalogue browser on listing pages: its configuration and the no-JavaScript list under it."""

from __future__ import annotations

import json

from markupsafe import Markup

from almenviden.render.environment import template
from almenviden.render.facets import browse_config
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue
from almenviden.render.listings import render_cards, select
from almenviden.render.urls import relative_url



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
    return template("catalogue.html").render(config_json=config, fallback=fallback)
