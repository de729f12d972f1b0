"""The contribution form's page content (/bidrag/): the form specs, schemas and existing ids as JSON for
browser/bidrag-*.js, around a static frame that says what to do without JavaScript. Host-independent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from almenviden.content.form_spec import form_specs
from almenviden.content.kinds import KINDS
from almenviden.content.model import Catalogue
from almenviden.content.schema import build_schema
from almenviden.render.environment import template
from almenviden.render.script_json import json_for_html

if TYPE_CHECKING:  # the host's settings (sitebuild/host.py) come in; render/ does not depend on build/
    from almenviden.sitebuild.host import Contribute


def form_page_data(catalogue: Catalogue, contribute: Contribute | None) -> dict:
    """What the browser code needs: per kind its form spec and schema; every existing id with its kind."""
    taxonomy = catalogue.taxonomy
    return {
        "kinds": list(KINDS),
        "specs": form_specs(taxonomy),
        "schemas": {kind: build_schema(kind, taxonomy) for kind in KINDS},
        "ids": {e.id: e.kind for e in catalogue.entries.values()},
        "contribute": {"github": contribute.github, "branch": contribute.branch} if contribute else None,
    }


def render_form_page(catalogue: Catalogue, contribute: Contribute | None) -> str:
    data = form_page_data(catalogue, contribute)
    kinds = [(key, KINDS[key]) for key in KINDS]
    return template("bidrag.html").render(spec_json=Markup(json_for_html(data)), kinds=kinds)
