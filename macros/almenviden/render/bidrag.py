"""The contribution form's page content (/bidrag/): the form specs, schemas and existing ids as JSON for
browser/bidrag-*.js, around a static frame that says what to do without JavaScript. Host-independent."""

from __future__ import annotations

from markupsafe import Markup

from almenviden.build.host import Contribute
from almenviden.content.form_spec import form_specs
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue
from almenviden.content.schema import build_schema
from almenviden.render.environment import template
from almenviden.render.script_json import json_for_html
from almenviden.render.urls import entry_url, relative_url


def form_page_data(catalogue: Catalogue, contribute: Contribute | None, page_url: str,
                   directory_urls: bool) -> dict:
    """What the browser code needs: per kind its form spec and schema; every id with its kind and page."""
    taxonomy = catalogue.taxonomy
    return {
        "kinds": list(KINDS),
        "specs": form_specs(taxonomy),
        "schemas": {kind: build_schema(kind, taxonomy) for kind in KINDS},
        "ids": {e.id: e.kind for e in catalogue.entries.values()},
        "pages": {e.id: relative_url(page_url, entry_url(e.kind, e.id, directory_urls))
                  for e in catalogue.entries.values()},
        "contribute": {"github": contribute.github, "branch": contribute.branch} if contribute else None,
    }


def render_form_page(catalogue: Catalogue, contribute: Contribute | None, page_url: str,
                     directory_urls: bool) -> str:
    data = form_page_data(catalogue, contribute, page_url, directory_urls)
    kinds = [(key, KINDS[key]) for key in KINDS]
    templates = relative_url(page_url, "") if page_url else ""
    return template("bidrag.html").render(spec_json=Markup(json_for_html(data)), kinds=kinds,
                                          contribute=contribute, root=templates)
