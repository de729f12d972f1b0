"""The Pagefind search index of a built site, through Pagefind's Python API.

Pagefind does not read the pages themselves but each page's search record (render/search_record.py: an
entry's article made from the Entry, or a hand-written page's from its content, with weights and
alternative Danish spellings), wrapped by `index_document` into a copy. The copies are written to
scratch folders, one per batch of BATCH pages, each laid out like the site, so Pagefind derives the same
result URLs as for the real pages; each batch is indexed with one `add_directory` call and the bundle is
written on leaving `PagefindIndex` (the Python API answers one request per 0.1 s, so a request per page
would take minutes at 10,000 pages). BackgroundIndex is fed page by page while the site is still being
written (sitebuild/writer.py, and the MkDocs plugin for the hand-written pages), and Pagefind indexes each
batch in the background while the next one is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import logging
import shutil
import tempfile
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from almenviden.search.words import SearchWords

log = logging.getLogger("mkdocs.plugins.almenviden")

BUNDLE_DIR = "pagefind"
BATCH = 1000  # copies per add_directory call: Pagefind reads one batch while the next is being written
# Pagefind writes ready-made UIs next to the index; the site uses its own (almenviden/browser/), so they go.
_UNUSED_BUNDLE_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                        "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

# Pagefind 1.5.2 asks for every index chunk when the search term is empty (a filter-only search: the
# catalogue without a query), although the search itself never reads word chunks for an empty term:
# at 10,000 entries that is 12 MB for a page of cards. Fixed upstream after 1.5.2 (Pagefind PR #1317,
# "Don't request index chunks for an empty search term"); until then the one call is patched here.
_CHUNK_REQUEST = "let index_resp=this.backend.request_indexes(ptr,term);"
_CHUNK_REQUEST_FIXED = 'let index_resp=term?this.backend.request_indexes(ptr,term):"[]";'



class SearchIndexError(Exception):
    """Pagefind could not build the index; the message is Danish and meant for the user."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    bundle: Path


def index_document(record: str, lang: str) -> str:
    """The document Pagefind indexes for a page whose search record (render/search_record.py) is `record`."""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title></title></head><body>{record}</body></html>")


SCRATCH_PREFIX = ".almenviden-soeg-"


class IndexCopies:
    """A scratch folder of index copies, laid out like the site, hidden inside the site folder being built
    (MkDocs' cleaning leaves hidden entries alone): a killed build leaves nothing in /tmp, and what it
    leaves in the site's folder goes with the next build (site_swap.py, remove_leftover_copies)."""

    def __init__(self, site_dir: Path) -> None:
        Path(site_dir).mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=site_dir))
        self.count = 0


def remove_leftover_copies(site_dir: Path) -> None:
    """Delete the copies' folders a killed build left in `site_dir` (call only when no index is using it)."""
    for folder in Path(site_dir).glob(SCRATCH_PREFIX + "*"):
        shutil.rmtree(folder, ignore_errors=True)


class BackgroundIndex:
    """The search index built while the site is still being written.

    The Pagefind service starts at once in a thread of its own (with its own event loop) and indexes
    each batch of copies (`add`, every BATCH pages or at `index_added`) while Python goes on writing
    pages; `finish` indexes what is left, writes the bundle to <site_dir>/pagefind and stops the service.
    `deferred` (the preview in `serve`) keeps the copies in memory and leaves all of Pagefind's work,
    writing the copies included, to `finish`, which serve runs after the pages are written and the
    browser has reloaded: so the preview does not share the cores with Pagefind.
    """

    def __init__(self, site_dir: Path, *, deferred: bool = False, words: SearchWords | None = None,
                 write_words: bool = True) -> None:
        self.bundle = Path(site_dir).resolve() / BUNDLE_DIR
        self.words = words if words is not None else SearchWords()
        self.write_words = write_words
        self.copies = IndexCopies(site_dir)
        self.pages = 0
        self._deferred: list[tuple[str, str]] | None = [] if deferred else None
        self._batch = 0  # copies go to <copies>/b<batch>/<path in site>, one folder per batch
        self._in_batch = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="almenviden-pagefind", daemon=True)
        self._thread.start()
        self._queue: asyncio.Queue | None = None
        self._ready = threading.Event()
        self._session = asyncio.run_coroutine_threadsafe(self._run_session(), self._loop)

    def add(self, relative_path: str, document: str) -> None:
        """One page's index document (index_document); every BATCH pages go to Pagefind together."""
        if self._deferred is not None:
            self._deferred.append((relative_path, document))
            return
        self.words.add(document)
        target = self._batch_dir() / relative_path
        try:
            target.write_text(document, encoding="utf-8")
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
        self.copies.count += 1
        self._in_batch += 1
        if self._in_batch >= BATCH:
            self.index_added()

    def index_added(self) -> None:
        """Index the copies added since the last batch, in the background (e.g. when a kind is written)."""
        if self._in_batch and self._deferred is None:
            # The batch's folder mirrors the site, so Pagefind derives the pages' own URLs from it.
            self._send(str(self._batch_dir()))
            self._batch += 1
            self._in_batch = 0

    def _batch_dir(self) -> Path:
        return self.copies.dir / f"b{self._batch}"

    def finish(self) -> IndexStats:
        """Index the rest, write the bundle (replacing it) and stop. Raises SearchIndexError."""
        try:
            deferred, self._deferred = self._deferred, None
            for relative_path, document in deferred or ():
                self.add(relative_path, document)
            self.index_added()
            # Only now: MkDocs cleans the site folder after Pagefind has started, and a bundle that is
            # being removed by both would fail.
            shutil.rmtree(self.bundle, ignore_errors=True)
            self._send(None)
            with pagefind_errors():
                self._session.result()
            if self.copies.count:
                remove_unused_files(self.bundle)
                patch_filter_only_search(self.bundle / "pagefind.js")
                if self.write_words:
                    self.words.write(self.bundle)
        finally:
            self.close()
        return IndexStats(self.pages, self.bundle)

    def close(self) -> None:
        """Stop without writing (also after finish); idempotent."""
        if not self._session.done():
            self._send(False)
            try:
                self._session.result(timeout=30)
            except Exception:  # noqa: BLE001 - abandoning anyway
                pass
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=30)
            if not self._thread.is_alive():
                self._loop.close()
        shutil.rmtree(self.copies.dir, ignore_errors=True)

    def _send(self, item) -> None:
        self._ready.wait()
        self._loop.call_soon_threadsafe(self._queue.put_nowait, item)

    async def _run_session(self) -> None:
        """Batch folders from the queue; None: write the bundle and stop; False: stop without writing."""
        self._queue = asyncio.Queue()
        self._ready.set()
        from pagefind.index import PagefindIndex

        index = PagefindIndex(config={"output_path": str(self.bundle)})
        await _guarded(index, index.__aenter__())
        listener = _answer_reader(index)
        if listener is not None:  # a stopped service is reported by _guarded, not again at exit
            listener.add_done_callback(lambda task: task.cancelled() or task.exception())
        try:
            while True:
                folder = await self._queue.get()
                if folder is False or (folder is None and not self.copies.count):
                    return  # abandoned, or nothing to index: no bundle
                if folder is None:
                    break
                result = await _guarded(index, index.add_directory(folder, glob="**/*.html"))
                self.pages += result.get("page_count") or 0
            if not self.pages:
                raise SearchIndexError(f"Pagefind fandt ingen sider at indeksere i {self.copies.dir}.")
            await _guarded(index, index.write_files())
            await _until_whole(self.bundle)
        finally:
            try:  # an exception type makes the context close the service without writing (again)
                await index.__aexit__(_Closing, _Closing(), None)
            except (ProcessLookupError, OSError):  # the service had already stopped
                pass


class _Closing(Exception):
    pass


@contextlib.contextmanager
def pagefind_errors():
    """Turn what a Pagefind session raises into SearchIndexError with a Danish message."""
    try:
        yield
    except SearchIndexError:
        raise
    except FileNotFoundError as exc:
        raise SearchIndexError("Pagefind-programmet mangler. Installér almenviden igen "
                               "(pip install -e .), så pakken pagefind[bin] kommer med.") from exc
    except Exception as exc:  # the service reports failures as bare Exceptions
        raise SearchIndexError(f"Søgeindekset kunne ikke bygges: {exc}") from exc


def remove_unused_files(bundle: Path) -> None:
    """Remove the ready-made UIs Pagefind writes next to the index (the site has its own)."""
    for name in _UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)


def index_folder(folder: Path, bundle: Path) -> int:
    """Index the index copies in `folder` (laid out like the site) into a new bundle at `bundle`, in a
    Pagefind session of its own; returns the number of pages. Blocks; raises SearchIndexError."""
    async def session() -> int:
        from pagefind.index import PagefindIndex

        index = PagefindIndex(config={"output_path": str(bundle)})
        await _guarded(index, index.__aenter__())
        listener = _answer_reader(index)
        if listener is not None:
            listener.add_done_callback(lambda task: task.cancelled() or task.exception())
        try:
            result = await _guarded(index, index.add_directory(str(folder), glob="**/*.html"))
            pages = result.get("page_count") or 0
            await _guarded(index, index.write_files())
            await _until_whole(bundle)
            return pages
        finally:
            try:
                await index.__aexit__(_Closing, _Closing(), None)
            except (ProcessLookupError, OSError):
                pass

    with pagefind_errors():
        pages = asyncio.run(session())
    remove_unused_files(bundle)
    return pages


_GZIP_SUFFIXES = (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment", ".pagefind")
_SCRIPT_ENDINGS = {"pagefind.js": "};", "pagefind-worker.js": "})();"}


def unfinished_bundle_files(bundle: Path) -> list[Path]:
    """The bundle's files that are not whole: a gzip file that does not decompress to its end, an entry
    file that is not JSON, a script that stops before its last statement (or is missing)."""
    broken = [bundle / name for name, ending in _SCRIPT_ENDINGS.items()
              if not (bundle / name).is_file()
              or not (bundle / name).read_bytes().rstrip().endswith(ending.encode())]
    try:
        json.loads((bundle / "pagefind-entry.json").read_bytes())
    except (OSError, ValueError):
        broken.append(bundle / "pagefind-entry.json")
    for path in bundle.rglob("*"):
        if path.suffix in _GZIP_SUFFIXES and path.is_file():
            try:
                gzip.decompress(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                broken.append(path)
    return broken


async def _until_whole(bundle: Path, *, timeout: float = 60.0, pause: float = 0.2) -> None:
    """Wait until every file of the written bundle is whole. Pagefind can answer WriteFiles while its
    last writes are still under way, and the service is stopped right after: once a build was left with
    a pagefind.js cut off at 32 KiB. Stopping only after this check cannot cut a file short."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while broken := await asyncio.to_thread(unfinished_bundle_files, bundle):
        if loop.time() > deadline:
            raise SearchIndexError(f"Pagefind skrev ikke søgeindekset færdigt ({broken[0]} er ufuldstændig). "
                                   "Prøv at bygge igen; sker det igen, så tjek om disken er fuld.")
        await asyncio.sleep(pause)


def _answer_reader(index) -> asyncio.Task | None:
    """The task of Pagefind's Python API that reads the service's answers (it ends if the service stops)."""
    return getattr(getattr(index, "_service", None), "_poll_task", None)


async def _guarded(index, request):
    """Await a Pagefind request, but raise SearchIndexError instead of waiting forever if the Pagefind
    process stops before answering (the Python API would otherwise never resolve the request)."""
    request = asyncio.ensure_future(request)
    listener = _answer_reader(index)
    if listener is None:
        return await request
    await asyncio.wait({request, listener}, return_when=asyncio.FIRST_COMPLETED)
    if request.done():
        return request.result()
    request.cancel()
    raise SearchIndexError("Pagefind-programmet stoppede uventet, mens søgeindekset blev bygget. Prøv igen; "
                           "sker det igen, så kør byggeriet med -v og send beskeden til udviklerne.")


# A search term that no word of an index begins with finds, in Pagefind, the pages of the longest indexed word
# the term begins with (find_word_extensions in pagefind_core_search), and a term without even that is left
# out of the search. One bundle has every page, so that happens only for a term on no page at all. A shard
# lacks most words: merged as it is, a shard without "fællesspisning" would answer with its pages about
# "fælles", and one without "spisning" would answer "fælles spisning" with every page about "fælles". So a
# sharded site's pagefind.js asks every index for the words each result matched in its text and metadata
# (Pagefind's playground mode adds them to the answer: `scores[].w`, `vms[].mt`) and leaves out an index
# whose results matched a word that begins with no search keyword, or matched no word for some keyword,
# as long as another index found every keyword. The search's filter counts are those of the indexes kept.
# A sorted search's score is the result's place in its own index's order, so the merged results, sorted by
# score, take turns from the indexes: each result is marked with its index (`almenvidenIndex`), and the
# browser merges the indexes' orders by the sort values (browser/result-order.js).
# (Pagefind 1.5.2; checked by tests/browser/test_search_shards.py.)
_MERGED_PATCHES = (
    ("this.raw_ptr=this.backend.init_pagefind(new Uint8Array(this.searchMeta));",
     "this.raw_ptr=this.backend.init_pagefind(new Uint8Array(this.searchMeta));"
     "this.raw_ptr=this.backend.enter_playground_mode(this.raw_ptr);"),
    ("let{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs}=JSON.parse(result);",
     "let{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs}=JSON.parse(result);"
     "let almenvidenFellBack=false;if(search_keywords&&results.length){const seen=results.flatMap((r)=>"
     "(r.scores||[]).map((sc)=>sc.w).concat(...(r.vms||[]).map((v)=>v.mt||[])));almenvidenFellBack="
     "seen.some((w)=>!search_keywords.some((k)=>w.startsWith(k)))||"
     "search_keywords.some((k)=>!seen.some((w)=>w.startsWith(k)));}"),
    ("let response={results:resultsInterface,", "let response={almenvidenFellBack,results:resultsInterface,"),
    ("async search(term,options2={}){let search2=await Promise.all(this.instances.map((i2)=>i2.search(term,options2)));",
     "async search(term,options2={}){let search2=await Promise.all(this.instances.map((i2)=>i2.search(term,options2)));"
     "{const found=search2.filter((s)=>s&&!s.almenvidenFellBack);if(found.length){search2=found;}}"
     "search2.forEach((s,n)=>s.results.forEach((r)=>{r.almenvidenIndex=n;}));"),
)


def patch_merged_search(script: Path) -> None:
    """Make a sharded site's pagefind.js leave out the indexes that answer a term with a shorter word
    (see _MERGED_PATCHES). Raises SearchIndexError if pagefind.js has changed: a sharded site would find
    wrong pages."""
    code = script.read_text(encoding="utf-8")
    for old, new in _MERGED_PATCHES:
        if code.count(old) != 1:
            raise SearchIndexError("pagefind.js har ændret sig, så det delte søgeindeks ikke kan rettes til "
                                   "(patch_merged_search i almenviden/search/index.py). Tjek den mod den nye "
                                   "Pagefind-version.")
        code = code.replace(old, new)
    script.write_text(code, encoding="utf-8")


def patch_filter_only_search(script: Path) -> bool:
    """Let a filter-only search skip the word index (see _CHUNK_REQUEST). False if pagefind.js has changed."""
    code = script.read_text(encoding="utf-8")
    if code.count(_CHUNK_REQUEST) != 1:
        log.warning("almenviden: pagefind.js har ændret sig; kataloget uden søgeord henter nu hele ordindekset. "
                    "Tjek patch_filter_only_search i almenviden/search/index.py mod den nye Pagefind-version.")
        return False
    script.write_text(code.replace(_CHUNK_REQUEST, _CHUNK_REQUEST_FIXED), encoding="utf-8")
    return True

