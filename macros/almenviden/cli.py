"""The `almenviden` command: check, schema, build, serve (and more as the product grows)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import threading
import sys
import time
from datetime import date
from pathlib import Path

from almenviden.content.diagnostics import format_diagnostics, summary_line

DEFAULT_CATALOGUE = "catalogue"
DEFAULT_CONFIG = "mkdocs.yml"


def _verbose_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="vis også MkDocs' og makro-pluginets egne (engelske) INFO-linjer")


def _catalogue_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalogue", metavar="MAPPE", default=None,
                        help="mappen med kataloget (taxonomy.yaml, ideas/, courses/ …); standard: ./catalogue")


def catalogue_dir(args: argparse.Namespace) -> Path:
    return Path(args.catalogue or os.environ.get("ALMENVIDEN_CATALOGUE") or DEFAULT_CATALOGUE)


def cmd_check(args: argparse.Namespace) -> int:
    from almenviden.content.loading import load_catalogue

    result = load_catalogue(catalogue_dir(args), strict=args.strict or _env_flag("ALMENVIDEN_STRICT"))
    shown = result.diagnostics + result.warnings
    if shown:
        print(format_diagnostics(shown, args.format))
    print(summary_line(result.diagnostics, result.files_checked, result.warnings),
          file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if result.diagnostics else 0


def _env_flag(name: str) -> bool:
    """An on/off environment variable: 1, true, ja or yes (any case) is on."""
    return os.environ.get(name, "").strip().casefold() in ("1", "true", "ja", "yes")


def cmd_schema(args: argparse.Namespace) -> int:
    from almenviden.content.diagnostics import Diagnostic
    from almenviden.content.schema import SchemaFolderError, write_schemas
    from almenviden.content.taxonomy import load_taxonomy

    root = catalogue_dir(args)
    taxonomy, problems = load_taxonomy(root / "taxonomy.yaml")
    if problems:
        print(format_diagnostics([Diagnostic(root / "taxonomy.yaml", p.line, p.col, p.message) for p in problems]))
        return 1
    try:
        changed = write_schemas(root, taxonomy)
    except SchemaFolderError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OSError as exc:
        from almenviden.sitebuild.disk_errors import describe

        print(f"Skemaerne blev ikke skrevet: {describe(exc, root / 'schema')}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"Skrev {path}")
    if not changed:
        print("Skemaerne er allerede opdaterede.")
    return 0


def _host():
    """The site generator's commands (MkDocs); imported only by the commands that build."""
    from almenviden.hosts.mkdocs import commands

    return commands


def site_dir_problem(site_dir: Path) -> str | None:
    """MkDocs empties the site folder before building: refuse a folder that holds anything but an earlier site."""
    if not site_dir.exists():
        return None
    if not site_dir.is_dir():
        return f"{site_dir} er en fil, ikke en mappe. Vælg en anden --site-dir."
    if not any(p for p in site_dir.iterdir() if not p.name.startswith(".")):
        return None
    if (site_dir / "index.html").is_file() or (site_dir / "sitemap.xml").is_file():
        return None  # an earlier build: replacing it is what the user asked for
    return (f"Mappen {site_dir} er ikke tom og ligner ikke et site, almenviden har bygget. Byggeriet tømmer "
            "site-mappen først, så intet er rørt. Vælg en tom eller ny mappe med --site-dir.")


def _build_problem(exc: BaseException, site: Path, staged) -> str:
    """The Danish message for a build stopped by a disk problem or another error."""
    from almenviden.sitebuild.disk_errors import describe
    from almenviden.sitebuild.site_swap import sibling_prefix

    # The file written (a copy's target is filename2); the site's own folders count as the site.
    filename = getattr(exc, "filename2", None) or getattr(exc, "filename", None)
    ours = (str(site), sibling_prefix(site))
    problem = describe(exc, site if filename is None or str(filename).startswith(ours) else Path(filename).parent)
    if staged.staged and site.is_dir():
        problem += f" Det forrige site i {site} er urørt."
    return problem


def cmd_build(args: argparse.Namespace) -> int:
    from almenviden.sitebuild.host import BuildError, BuildStopped
    from almenviden.sitebuild.site_swap import StagedSite, site_lock

    host = _host()
    overrides = {"site_dir": str(Path(args.site_dir).resolve())} if args.site_dir else {}
    try:
        config = host.load_config(args.config_file, catalogue_dir(args), **overrides)
    except (BuildError, BuildStopped):
        print("Byggeriet stoppede. Se beskederne ovenfor.", file=sys.stderr)
        return 1
    site = Path(os.path.realpath(host.site_dir(config)))
    staged = StagedSite(site)
    started = time.monotonic()
    say = (lambda text: None) if args.quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    try:
        with site_lock(site, on_wait=lambda: print(f"Et andet byggeri skriver allerede til {site}. Venter, til "
                                                   "det er færdigt …", file=sys.stderr, flush=True)):
            problem = site_dir_problem(site)
            if problem:
                print(problem, file=sys.stderr)
                return 1
            try:
                building = staged.begin()
                link = None
                if args.with_offline:  # issue 4: the offline zip, offered on the online site (Om-siden)
                    from almenviden.offline.download import EXTRA_KEY, offline_link
                    link = offline_link(date.today())
                    host.offer_offline_copy(config, EXTRA_KEY, link)
                say("Bygger sitet …")
                summary = host.build(config, site_dir=building, previous_site=site if staged.staged else None)
                if link is not None:  # the zip is made from the site just built (offline/build.convert_site)
                    from almenviden.offline.command import offline_download
                    say("Laver offline-kopien af sitet …")
                    offline_download(building, date.fromisoformat(link["built"])).publish(building, link)
                staged.publish(detach_removal=True)
            except BaseException:
                staged.abandon()
                raise
    except (BuildError, OSError) as exc:
        print(f"Byggeriet stoppede: {_build_problem(exc, site, staged)}", file=sys.stderr)
        return 1
    except BuildStopped:
        print("Byggeriet stoppede. Se beskederne ovenfor.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(result_line(site, summary, time.monotonic() - started))
    return 0


def result_line(site: Path, summary, seconds: float) -> str:
    """"Sitet er bygget i site/: 1.234 sider, søgeindeks med 1.234 poster, 12,3 s." """
    from almenviden.danish.numbers import danish_number, danish_seconds

    from almenviden.content.diagnostics import shown_path

    return (f"Sitet er bygget i {shown_path(site)}{os.sep}: {danish_number(summary.pages)} sider, søgeindeks med "
            f"{danish_number(summary.indexed)} poster, {danish_seconds(seconds)}.")


def cmd_offline(args: argparse.Namespace) -> int:
    from almenviden.offline.command import run_offline

    from_site = Path(args.from_site) if args.from_site else None
    return run_offline(_host().offline_builder(args.config_file, catalogue_dir(args)), args.output, from_site)


@contextlib.contextmanager
def _serve_scratch(project: Path):
    """MkDocs builds the preview in a folder of its own from tempfile.mkdtemp: put that folder in a hidden
    scratch folder of the project (scratch.py), so a preview killed with SIGKILL leaves nothing in /tmp
    for good. A project folder that cannot be written to keeps the system's temporary folder."""
    import tempfile

    from almenviden.sitebuild.scratch import scratch_dir

    with contextlib.ExitStack() as stack:
        try:
            folder = stack.enter_context(scratch_dir(project / ".cache", "almenviden-serve-"))
        except OSError:
            yield
            return
        previous, tempfile.tempdir = tempfile.tempdir, str(folder)
        try:
            yield
        finally:
            tempfile.tempdir = previous


def cmd_serve(args: argparse.Namespace) -> int:
    from almenviden.sitebuild.host import BuildError, BuildStopped

    try:
        with _serve_scratch(Path(args.config_file).resolve().parent):
            _host().serve(args.config_file, catalogue_dir(args), args.dev_addr)
    except (BuildError, BuildStopped) as exc:
        print(f"Forhåndsvisningen stoppede: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # typically the port is taken by another preview
        print(f"Forhåndsvisningen kunne ikke starte på {args.dev_addr}: {exc.strerror or exc}. Luk den anden "
              "forhåndsvisning, eller vælg en anden port med fx '-a 127.0.0.1:8001'.", file=sys.stderr)
        return 1
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from almenviden.content.diagnostics import display_path
    from almenviden.content.scaffold import NewEntryError, create_entry

    try:
        path = create_entry(catalogue_dir(args), args.kind, args.title, entry_id=args.id)
    except NewEntryError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    print(f"Oprettede {display_path(path)}.\nUdfyld felterne i filen, og kør 'almenviden check' for at se, "
          "hvad der mangler. Se siden med 'almenviden serve'.")
    return 0


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' er ikke en dato. Skriv ÅÅÅÅ-MM-DD, fx 2025-01-31.") from None


def cmd_stale(args: argparse.Namespace) -> int:
    """Exit 0 whether or not entries are overdue: stale informs, it does not fail a build."""
    from datetime import date

    from almenviden.sitebuild.stale import format_stale, stale_entries
    from almenviden.content.loading import load_catalogue

    root = catalogue_dir(args)
    if not root.is_dir() or not ((root / "taxonomy.yaml").exists() or (root / "taxonomy.yaml").is_symlink()):
        print(f"Kataloget '{root}' findes ikke. Angiv mappen med --catalogue.", file=sys.stderr)
        return 1
    result = load_catalogue(root)
    before = args.before or date.today()
    print(format_stale(stale_entries(result.catalogue, before), before))
    if result.diagnostics:
        files = len({d.path for d in result.diagnostics})
        print(f"Bemærk: {files} {'fil' if files == 1 else 'filer'} med fejl er ikke med. Kør 'almenviden check'.",
              file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="almenviden", description="Byg og tjek almenviden-kataloget.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    check = sub.add_parser("check", help="tjek alle poster og meld fejl med fil og linje")
    _catalogue_arg(check)
    check.add_argument("--format", choices=["gcc", "github"], default="gcc",
                       help="gcc: fil:linje:kolonne: besked (standard); github: annotationer til GitHub Actions")
    check.add_argument("--strict", action="store_true",
                       help="advarsler tæller som fejl (fx en kilde, der kun er en forside); også med "
                            "ALMENVIDEN_STRICT=1. Bruges i CI for det fælles katalog")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="skriv JSON-skemaerne i catalogue/schema/ ud fra taxonomy.yaml")
    _catalogue_arg(schema)
    schema.set_defaults(func=cmd_schema)

    build = sub.add_parser("build", help="byg det statiske site")
    _catalogue_arg(build)
    build.add_argument("--site-dir", metavar="MAPPE", default=None, help="hvor sitet skrives (standard: site/)")
    build.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, help="MkDocs-konfigurationen")
    build.add_argument("-q", "--quiet", action="store_true",
                       help="vis kun advarsler og fejl (ingen fremdrift og intet resultat); fremdriftslinjen vises "
                            "kun i en terminal uden CI")
    _verbose_arg(build)
    build.add_argument("--with-offline", action="store_true",
                       help="læg også offline-kopien i sitet (almenviden-offline.zip) med et link på Om-siden")
    build.set_defaults(func=cmd_build)

    offline = sub.add_parser("offline", help="skriv hele sitet som én zip, der virker fra disken uden netværk")
    _catalogue_arg(offline)
    offline.add_argument("--output", metavar="FIL", default=None,
                         help="zip-filen (standard: dist/almenviden-offline-ÅÅÅÅ-MM-DD.zip)")
    offline.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, help="MkDocs-konfigurationen")
    offline.add_argument("--from-site", metavar="MAPPE", default=None,
                         help="lav kopien af et site, der allerede er bygget med 'almenviden build' (fx site), i "
                              "stedet for at bygge igen: hurtigere, men kopien viser det site, som det var")
    _verbose_arg(offline)
    offline.set_defaults(func=cmd_offline, quiet=True)

    serve = sub.add_parser("serve", help="vis sitet lokalt og byg igen, når en fil ændres")
    _catalogue_arg(serve)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
    serve.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, help="MkDocs-konfigurationen")
    _verbose_arg(serve)
    serve.set_defaults(func=cmd_serve)

    new = sub.add_parser("new", help="lav en ny post ud fra en skabelon (overskriver aldrig en fil)")
    new.add_argument("kind", metavar="SLAGS", help="idea, course, recommendation eller guide")
    new.add_argument("title", metavar="TITEL", help='postens titel i anførselstegn, fx "Fælles kaffe i gården"')
    new.add_argument("--id", default=None, help="filnavn uden .yaml (standard: dannet ud fra titlen, æ→ae, ø→oe, å→aa)")
    _catalogue_arg(new)
    new.set_defaults(func=cmd_new)

    stale = sub.add_parser("stale", help="vis poster, hvis gennemgangsdato (review_by) er passeret; exit 0")
    stale.add_argument("--before", metavar="DATO", type=_iso_date, default=None,
                       help="vis poster med review_by før denne dato, ÅÅÅÅ-MM-DD (standard: i dag)")
    _catalogue_arg(stale)
    stale.set_defaults(func=cmd_stale)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that every `finally` runs (staging and scratch folders go)."""


def _raise_terminated(signum, frame):
    raise Terminated()


def _tolerant_output() -> None:
    """Windows writes to a pipe or a file in its code page (cp1252), which lacks a few characters of the
    messages (→): those become '?' instead of stopping the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _tolerant_output()
    args = build_parser().parse_args(argv)
    if args.command in ("build", "serve", "offline"):
        _host().setup_logging(getattr(args, "quiet", False), args.verbose, serving=args.command == "serve")
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if in_main_thread else None
    try:
        return args.func(args)
    except Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 130
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The `almenviden` command (console script, `python -m almenviden`): main(), then exit.

    After a failed or stopped build whose render workers were killed, the interpreter's own exit could wait for
    ever on the worker pool (workers.abandoned); every `finally` has run by then, so the process ends at once."""
    code = main()
    workers = sys.modules.get("almenviden.sitebuild.workers")  # imported only by commands that render
    if workers is not None and workers.abandoned():
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
