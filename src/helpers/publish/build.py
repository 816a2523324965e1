"""The build: validate ``data/raw``, run the notebooks, publish data and charts together, then write
the site files (claim pages, ClaimReview, feeds), the README's generated sections and the freezer's digests.

The build is one transaction (:mod:`helpers.publish.transaction`), in stages:

1. ``validate``: the raw data; any problem stops the build before a notebook runs;
2. ``notebooks``: each runs in a fresh kernel with the project root as working directory and
   writes into the staging folder (``RPK_OUTPUT_DIR``). A notebook whose code and inputs did
   not change since its last successful run is skipped and its recorded outputs are copied
   over (content hashes in ``.build-cache/state.json``);
3. ``datapackage``: the published Data Package must validate;
4. ``figures``: every chart is exported from the staged data into a staged ``figures/``;
5. ``site``: the claim pages, ``claimreview.json`` and the feeds, from the same staged data;
6. ``publish``: ``data/processed``, ``figures/``, the executed notebooks, the site files and the
   cache are swapped in together.

A failure or an interrupt (Ctrl-C, SIGTERM) at any stage leaves every output byte-for-byte as
it was, with one message naming the stage (and the notebook and cell, or the chart); a SIGKILL
leaves a staging folder that the next build removes (or, if it was killed while publishing,
completes). ``RPK_FAULT`` stops a build at a named point, for the tests
(:func:`helpers.publish.transaction.fault`).

The README's generated sections and the freezer's per-page digests are written after the transaction, on
every build, from what is published: an interrupted build cannot leave them stale.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from helpers.publish.freeze import invalidate_stale_pages
from helpers.publish.notebooks import code_digest, execute_notebook, inputs_key, notebook_digest, notebooks, sha256_file, tree_files
from helpers.publish.readme import write_readme
from helpers.publish.transaction import BuildError, BuildLocked, Lock, Staging, fault, recover
import pandas as pd

from helpers.charts import exports
from helpers.core.paths import figures_dir, processed_dir
from helpers.model.published import Published, load
from helpers.raw.problems import ValidationError
from helpers.raw.validate import require_valid

CACHE_FILE = Path(".build-cache") / "state.json"
LAST_BUILD = "last-build-inputs"
SITE_FILES = "site-files"


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stage: str | None = None
    figures: tuple[int, int] | None = None
    unchanged: bool = False  # nothing changed since the last build: everything was skipped
    #: the published data, loaded once from the staging folder and handed to the charts and the site files
    published: Published | None = None
    #: what the site stage wrote (claim pages, ClaimReviews, feeds); None when nothing changed
    site: dict | None = None


@contextmanager
def stage(report: BuildReport, name: str):
    """Run one stage; any unexpected exception becomes a BuildError naming it.

    After a Ctrl-C or SIGTERM (see :func:`_interrupts`), whatever the stage raises (a kernel
    that died of the signal, a browser that was stopped) is reported as the interrupt it is.
    """
    check_interrupt()
    report.stage = name
    try:
        yield
        fault(name)
    except (ValidationError, KeyboardInterrupt, BuildLocked):
        raise
    except BuildError as err:
        check_interrupt()
        err.stage = err.stage or name
        raise
    except OSError as err:  # disk full, permission denied: what and where, in one line
        check_interrupt()
        where = f" ({err.filename})" if err.filename else ""
        raise BuildError(f"{err.strerror or type(err).__name__}{where}", name) from err
    except Exception as err:
        check_interrupt()
        from helpers.charts.figures import FigureError  # imported here: plotly is slow to import, and only charts need it

        raise BuildError(str(err) if isinstance(err, FigureError) else f"{type(err).__name__}: {err}", name) from err


def _published_intact(processed: Path, state: dict) -> bool:
    """Every file the cached notebooks published is in data/processed, byte for byte."""
    outputs = {f: d for rel, entry in state.items() if isinstance(entry, dict) for f, d in entry.get("outputs", {}).items()}
    return bool(outputs) and all((processed / f).is_file() and sha256_file(processed / f) == d for f, d in outputs.items())


def _read_state(root: Path, force: bool, log) -> dict:
    """The build cache, or {} (everything runs) when forced, missing or unreadable."""
    path = root / CACHE_FILE
    if force or not path.is_file():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(state, dict):
            return state
    except (ValueError, UnicodeDecodeError):
        pass
    log(f"{CACHE_FILE.as_posix()} is unreadable: ignored, every notebook runs again (the build rewrites it)")
    return {}


def _site_intact(root: Path, state: dict) -> bool:
    """The claim pages, ClaimReview file and feeds are the ones the last build wrote, byte for byte."""
    from helpers.site.claim_pages import site_files

    recorded = state.get(SITE_FILES)
    if not isinstance(recorded, dict):
        return False
    try:
        wanted = site_files(pd.read_csv(processed_dir(root) / "claims.csv", usecols=["claim_id"])["claim_id"])
    except (OSError, ValueError):
        return False
    return set(recorded) == set(wanted) and all((root / f).is_file() and sha256_file(root / f) == recorded[f] for f in wanted)


def _stage_site(root: Path, st: Staging, data: Published) -> tuple[dict, dict]:
    """Write the claim pages, ClaimReview file and feeds into the staging folder (starting from a
    copy of the live claim folders, so hand-made files in them stay); register their moves."""
    from helpers.site.claim_pages import site_files, write_site_files
    from helpers.site.urls import CLAIM_DIRS, CLAIMREVIEW_FILE, FEED_FILES, TABLES_DIR

    out = st.path("site")
    for rel in CLAIM_DIRS.values():
        if (root / rel).is_dir():
            shutil.copytree(root / rel, out / rel, symlinks=True)
    made = write_site_files(root, data, out)
    for rel in (*CLAIM_DIRS.values(), CLAIMREVIEW_FILE, *FEED_FILES.values(), TABLES_DIR):
        st.publish(f"site/{rel}", root / rel)
    return made, {f: sha256_file(out / f) for f in site_files(data.claims["claim_id"])}


def _stage_figures(root: Path, st: Staging, processed: Path | None, force: bool = False,
                   data: Published | None = None) -> tuple[int, int]:
    """Export the charts into the staging folder, starting from the published ones (unchanged ones are kept)."""
    from helpers.charts.figures import export_all  # imported here: the no-change build never loads plotly

    staged = st.path("figures")
    live = figures_dir(root)
    if live.is_dir():
        shutil.copytree(live, staged)
    result = export_all(root, force=force, out=staged, processed=processed, data=data)
    st.publish("figures", live)
    return result


def build(root: Path, force: bool = False, log=print, figures: bool = True, report: BuildReport | None = None) -> BuildReport:
    """Validate, run notebooks and export charts into a staging folder, then publish it all at once."""

    start = time.perf_counter()
    report = report if report is not None else BuildReport()
    with Lock(root):
        with stage(report, "recover"):
            recover(root, log)
        state = _read_state(root, force, log)
        processed = processed_dir(root)
        key = inputs_key(root)
        if state.get(LAST_BUILD) == key and _published_intact(processed, state) and _site_intact(root, state) and (
                not figures or exports.current(figures_dir(root), processed)):
            # nothing a build reads changed since the last one, and its outputs are intact:
            # validation would give the same verdict, every notebook would be skipped
            report.skipped = [nb.relative_to(root).as_posix() for nb in notebooks(root)]
            for i, rel in enumerate(report.skipped, start=1):
                log(f"[{i}/{len(report.skipped)}] {rel}: unchanged, skipped")
            report.figures = (0, len(json.loads((figures_dir(root) / exports.MANIFEST).read_text())["files"])) if figures else None
            report.unchanged = True
            report.seconds = time.perf_counter() - start
            return report
        with stage(report, "validate"):
            require_valid(root)  # raises ValidationError before anything is written
        st = Staging(root)
        try:
            _transaction(root, st, state, key, report, force, figures, log)
        finally:
            if st.left:
                log(f"could not remove {st.dir.relative_to(root).as_posix()}: {st.left}; the next build tries again")
    report.stage = None
    report.seconds = time.perf_counter() - start
    return report


def _transaction(root: Path, st: Staging, state: dict, key: str, report: BuildReport, force: bool, figures: bool, log) -> None:
    """Stage every output, then publish them together (the lock is held)."""
    processed = processed_dir(root)
    cache_path = root / CACHE_FILE
    with st:
        tmp = st.path("processed")
        tmp.mkdir()
        new_state = {}
        with stage(report, "notebooks"):
            chain = code_digest(root)
            books = notebooks(root)
            if not books:
                raise BuildError("no notebooks found in notebooks/ (expected NN_name.ipynb)")
            for i, nb_path in enumerate(books, start=1):
                check_interrupt()
                rel = nb_path.relative_to(root).as_posix()
                chain = hashlib.sha256((chain + notebook_digest(nb_path)).encode()).hexdigest()
                before = tree_files(tmp)
                cached = state.get(rel)
                if cached and cached["key"] == chain and all(
                    (processed / f).is_file() and sha256_file(processed / f) == digest
                    for f, digest in cached["outputs"].items()
                ):
                    for f in cached["outputs"]:
                        (tmp / f).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(processed / f, tmp / f)
                    log(f"[{i}/{len(books)}] {rel}: unchanged, skipped")
                    report.skipped.append(rel)
                    new_state[rel] = cached
                    continue
                t0 = time.perf_counter()
                log(f"[{i}/{len(books)}] {rel}: running…")
                import nbformat

                nb = execute_notebook(nb_path, root, tmp)
                staged_nb = st.path(rel)
                staged_nb.parent.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, staged_nb)
                st.publish(rel, nb_path)
                after = tree_files(tmp)
                outputs = {f: d for f, d in after.items() if before.get(f) != d}
                new_state[rel] = {"key": chain, "outputs": outputs}
                report.executed.append(rel)
                log(f"[{i}/{len(books)}] {rel}: done in {time.perf_counter() - t0:.1f} s, {len(outputs)} file(s)")
        with stage(report, "datapackage"):
            from helpers.publish.datapackage import validate_package

            problems = validate_package(tmp / "datapackage.json")
            if problems:
                raise BuildError("data/processed/datapackage.json does not validate:\n" + "\n".join(problems))
            report.published = load(root, tmp)  # read once: the charts, claim pages and feeds all use it
        st.publish("processed", processed)
        if figures:
            with stage(report, "figures"):
                log("figures: exporting…")
                report.figures = _stage_figures(root, st, tmp, data=report.published)
        with stage(report, "site"):
            report.site, new_state[SITE_FILES] = _stage_site(root, st, report.published)
        check_interrupt()
        new_state[LAST_BUILD] = key
        st.path("state.json").write_text(json.dumps(new_state, indent=1, sort_keys=True))
        st.publish("state.json", cache_path)
        with stage(report, "publish"):
            st.commit()


UNCHANGED = "nothing published: data/processed left unchanged, figures/ left unchanged"


_INTERRUPTED = {"signal": None}


def check_interrupt() -> None:
    if _INTERRUPTED["signal"] is not None:
        raise KeyboardInterrupt


@contextmanager
def _interrupts():
    """Ctrl-C (SIGINT) and SIGTERM end the build cleanly.

    The first signal is recorded, not raised mid-air: raised inside nbclient's event loop it
    surfaces as a CancelledError traceback. The running stage ends (the kernel and the browser
    get Ctrl-C too, being in the same process group) and the build stops at the next check.
    A second Ctrl-C stops at once.
    """
    def handler(signum, frame):
        if _INTERRUPTED["signal"] is not None:
            raise KeyboardInterrupt
        _INTERRUPTED["signal"] = signum

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
        _INTERRUPTED["signal"] = None


def _report_failure(report: BuildReport, err: BaseException) -> int:
    where = f" at stage '{report.stage}'" if report.stage else ""
    if isinstance(err, ValidationError):
        for p in err.problems:
            print(p, file=sys.stderr)
        print(f"build stopped{where}: {len(err.problems)} problem(s) in data/raw; {UNCHANGED}", file=sys.stderr)
        return 1
    if isinstance(err, KeyboardInterrupt):
        if report.stage == "publish":
            print("build interrupted while publishing; publishing was completed (data/processed and figures/ are the new version)", file=sys.stderr)
        else:
            print(f"build interrupted{where} (Ctrl-C or SIGTERM); {UNCHANGED}", file=sys.stderr)
        return 130
    stage_name = getattr(err, "stage", None) or report.stage
    print(f"build failed at stage '{stage_name}': {err}" if stage_name else f"build failed: {err}", file=sys.stderr)
    print(UNCHANGED, file=sys.stderr)
    return 1


def run(root: Path, force: bool = False, figures: bool = True) -> int:
    """The ``build`` command: exit status 0 on success, 1 with a clear message otherwise (130 if interrupted)."""
    report = BuildReport()
    try:
        with _interrupts():
            build(root, force=force, figures=figures, report=report)
    except (ValidationError, BuildError, BuildLocked, KeyboardInterrupt) as err:
        return _report_failure(report, err)
    print(f"data: {len(report.executed)} notebook(s) run, {len(report.skipped)} skipped, {report.seconds:.1f} s")
    if report.figures is not None:
        written, skipped = report.figures
        print(f"figures: {written} written, {skipped} unchanged, in figures/")
    made = report.site  # claim pages (claims/, en/claims/), claimreview.json and the Atom feeds, published with the data
    if made is None:
        print("claim pages: unchanged")
    else:
        print(f"claim pages: {made['pages']} written, {made['removed']} removed; {made['reviews']} ClaimReviews; {made['feeds']} feeds; "
              f"{made['tables']} table files")
    if write_readme(root):
        print("README.md: sections generated from the schemas updated")
    stale = invalidate_stale_pages(root)
    print(f"pages: {len(stale)} to execute again ({', '.join(stale)})" if stale else "pages: every frozen page is current")
    return 0


def run_figures(root: Path, force: bool = False) -> int:
    """The ``figures`` command: re-export the charts in one transaction too."""
    report = BuildReport()
    try:
        with _interrupts(), Lock(root):
            recover(root)
            with Staging(root) as st:
                with stage(report, "figures"):
                    written, skipped = _stage_figures(root, st, None, force=force)
                with stage(report, "publish"):
                    st.commit()
    except (BuildError, BuildLocked, KeyboardInterrupt) as err:
        return _report_failure(report, err)
    print(f"figures: {written} written, {skipped} unchanged, in figures/")
    return 0
