"""Run the numbered notebooks, headless, in order, and publish ``data/processed`` atomically.

* Raw data are validated first; any problem stops the build before a notebook runs.
* Each notebook runs in a fresh kernel with the project root as working directory and
  writes into a temporary folder (``RPK_OUTPUT_DIR``) beside ``data/processed``.
* A notebook whose code and inputs did not change since its last successful run is skipped
  and its recorded outputs are copied over (content hashes in ``.build-cache/state.json``).
* ``data/processed`` is replaced only when every notebook ran and the published Data
  Package validated; a failure leaves it byte-for-byte as it was.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.paths import OUTPUT_ENV, processed_dir, raw_dir
from helpers.validate import ValidationError, require_valid

CACHE_FILE = Path(".build-cache") / "state.json"
#: Tables in the notebooks are shown as text: Quarto answers any text/html output on a page by
#: loading require.js and jQuery from a CDN, and the rendered notebooks must load nothing from outside.
KERNEL_SETUP = "--IPKernelApp.exec_lines=['import pandas; pandas.set_option(\"display.notebook_repr_html\", False)']"


class BuildError(Exception):
    pass


@dataclass
class BuildReport:
    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(sha256_file(p).encode())
    return h.hexdigest()


def code_digest(root: Path) -> str:
    """Everything a notebook can read besides its own cells: raw data and the helpers package."""
    pkg = Path(__file__).resolve().parent
    files = [p for p in raw_dir(root).rglob("*") if p.is_file()]
    files += [p for p in pkg.rglob("*") if p.is_file() and p.suffix in (".py", ".json")]
    h = hashlib.sha256()
    for p in sorted(files):
        name = p.relative_to(root).as_posix() if p.is_relative_to(root) else "helpers/" + p.relative_to(pkg).as_posix()
        h.update(name.encode() + b"\0" + sha256_file(p).encode())
    return h.hexdigest()


def notebook_digest(path: Path) -> str:
    """Hash of a notebook's cell sources only: outputs written back by the build do not count."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    h = hashlib.sha256()
    for cell in nb.cells:
        h.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return h.hexdigest()


def notebooks(root: Path) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def execute_notebook(path: Path, root: Path, out_dir: Path):
    """Execute one notebook in a fresh kernel; return the executed notebook or raise BuildError."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    os.environ[OUTPUT_ENV] = str(out_dir)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(root)}}, extra_arguments=[KERNEL_SETUP])
    try:
        # the kernel's own stderr is start-up chatter; cell errors come back as messages
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as err:
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and
                      any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        detail = f"{err.ename}: {err.evalue}"
        where = f"cell {index + 1}" if index is not None else "a cell"
        raise BuildError(f"{path.relative_to(root).as_posix()}: {where}: {detail}") from None
    finally:
        os.environ.pop(OUTPUT_ENV, None)
    for cell in nb.cells:  # keep committed notebooks stable: no kernel-specific noise
        cell.get("metadata", {}).pop("execution", None)
    return nb


def build(root: Path, force: bool = False, log=print) -> BuildReport:
    """Validate, run notebooks into a temporary folder, validate outputs, swap into place."""
    import nbformat

    start = time.perf_counter()
    report = BuildReport()
    require_valid(root)  # raises ValidationError before anything is written
    cache_path = root / CACHE_FILE
    state = {} if force or not cache_path.is_file() else json.loads(cache_path.read_text())
    processed = processed_dir(root)
    tmp = root / "data" / f".build-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    executed_nbs = {}
    new_state = {}
    try:
        chain = code_digest(root)
        books = notebooks(root)
        if not books:
            raise BuildError("no notebooks found in notebooks/ (expected NN_name.ipynb)")
        for i, nb_path in enumerate(books, start=1):
            rel = nb_path.relative_to(root).as_posix()
            chain = hashlib.sha256((chain + notebook_digest(nb_path)).encode()).hexdigest()
            before = _files(tmp)
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
            executed_nbs[nb_path] = execute_notebook(nb_path, root, tmp)
            after = _files(tmp)
            outputs = {f: d for f, d in after.items() if before.get(f) != d}
            new_state[rel] = {"key": chain, "outputs": outputs}
            report.executed.append(rel)
            log(f"[{i}/{len(books)}] {rel}: done in {time.perf_counter() - t0:.1f} s, {len(outputs)} file(s)")
        from helpers.datapackage import validate_package

        problems = validate_package(tmp / "datapackage.json")
        if problems:
            raise BuildError("data/processed/datapackage.json does not validate:\n" + "\n".join(problems))
        # swap: the old folder is kept until the new one is in place
        old = root / "data" / f".processed-old-{os.getpid()}"
        if processed.exists():
            processed.rename(old)
        tmp.rename(processed)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    for nb_path, nb in executed_nbs.items():
        nbformat.write(nb, nb_path)
    cache_path.parent.mkdir(exist_ok=True)
    cache_path.write_text(json.dumps(new_state, indent=1, sort_keys=True))
    report.seconds = time.perf_counter() - start
    return report


def run(root: Path, force: bool = False, figures: bool = True) -> int:
    """The ``build`` command: exit status 0 on success, 1 with a clear message otherwise."""
    try:
        report = build(root, force=force)
    except ValidationError as err:
        for p in err.problems:
            print(p, file=sys.stderr)
        print(f"build stopped: {len(err.problems)} problem(s) in data/raw; data/processed left unchanged", file=sys.stderr)
        return 1
    except BuildError as err:
        print(f"build failed: {err}", file=sys.stderr)
        print("data/processed left unchanged", file=sys.stderr)
        return 1
    print(f"data: {len(report.executed)} notebook(s) run, {len(report.skipped)} skipped, {report.seconds:.1f} s")
    if figures:
        from helpers.figures import export_all

        written, skipped = export_all(root)
        print(f"figures: {written} written, {skipped} unchanged, in figures/")
    # issue 13: claim pages (claims/, en/claims/), claimreview.json and the Atom feeds, from data/processed
    from helpers.claimpages import write_site_files

    made = write_site_files(root)
    print(f"claim pages: {made['pages']} written, {made['removed']} removed; {made['reviews']} ClaimReviews; {made['feeds']} feeds")
    from helpers.freeze import invalidate_stale_freeze

    if invalidate_stale_freeze(root):
        print("pages: inputs changed, _freeze/ cleared (every page is executed again)")
    return 0
