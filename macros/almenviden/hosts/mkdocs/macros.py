"""mkdocs-macros module: the macros hand-written pages in docs/ may call (almenviden.hosts.mkdocs.macros).

Thin glue: the catalogue comes from the almenviden plugin, the HTML from almenviden.render.
Pages opt in with `render_macros: true`; entry pages are never rendered as Jinja.
"""

from almenviden.render.browse import render_browser
from almenviden.render.listings import render_cards, select
from almenviden.content.kinds import KINDS


def define_env(env):
    def catalogue():
        return env.conf.plugins["almenviden"].catalogue

    def page_url():
        return env.page.url if env.page is not None else ""

    def after_markdown(html, *, after_policy=False):
        """A placeholder for the macro's `html`, which the plugin puts into the page after Markdown: HTML needs no
        Markdown, and a catalogue's listing is too large to pay for it (sitebuild/fragments.py)."""
        return env.conf.plugins["almenviden"].fragments.hold(env.page.file.src_uri, html, after_policy=after_policy)

    @env.macro
    def cards(kind="ideas", **filters):
        """Cards for the entries of one kind, e.g. cards("ideas", season="vinter", cost="gratis")."""
        cat = catalogue()
        html = render_cards(select(cat, kind, **filters), cat, page_url(),
                            directory_urls=env.conf.use_directory_urls)
        return after_markdown(html)

    @env.macro
    def catalogue_browser(kind=None):
        """Search field, facets with counts and result cards (Pagefind), over a plain list of the kind's
        entries for readers without JavaScript and for print. kind=None: all kinds, with a kind facet."""
        return after_markdown(render_browser(catalogue(), kind, page_url(), directory_urls=env.conf.use_directory_urls))

    @env.macro
    def comply_sheet():
        """The "følg eller forklar" sheet: every recommendation with a choice and an explanation (issue 16).
        Megabytes at sector scale, with no inline script: neither Markdown nor the page's CSP parse reads it."""
        from almenviden.render.comply_sheet import render_sheet
        html = render_sheet(catalogue(), page_url(), directory_urls=env.conf.use_directory_urls)
        return after_markdown(html, after_policy=True)

    @env.macro
    def count(kind="ideas", **filters):
        """How many entries of one kind match the filters."""
        return len(select(catalogue(), kind, **filters))

    @env.macro
    def contribution_form():
        """The contribution form (/bidrag/): form specs, schemas and ids for browser/bidrag-*.js."""
        from almenviden.render.bidrag import render_form_page
        plugin = env.conf.plugins["almenviden"]
        contribute = plugin.settings.contribute if plugin.settings else None
        return after_markdown(render_form_page(catalogue(), contribute))

    @env.macro
    def kind_name(kind):
        return KINDS[kind].plural

    @env.macro
    def offline_download():
        """Link to the offline zip when built with `almenviden build --with-offline` (issue 4), else nothing."""
        from almenviden.offline.download import EXTRA_KEY, download_html
        return download_html(env.conf.extra.get(EXTRA_KEY), page_url())

    @env.macro
    def accessibility_statement():
        """The accessibility statement's text from `extra.accessibility` in mkdocs.yml (issue 11)."""
        from almenviden.render.statement import render_statement
        return "\n" + render_statement(env.conf.extra.get("accessibility"), env.conf.site_name) + "\n"
