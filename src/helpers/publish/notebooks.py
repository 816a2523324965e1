"""The numbered notebooks: which they are, the digests that tell whether one must run again, and
running one headless in a fresh kernel (``nbclient``) with the project root as working directory.

Hashing reads plain JSON (importing nbformat alone takes most of a no-change build); nbformat
and nbclient are imported only when a notebook runs.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
from pathlib import Path

from helpers.publish.transaction import BuildError
from helpers.core.escape import code_text
from helpers.core.paths import OUTPUT_ENV, package_digest, raw_dir

#: Tables in the notebooks are shown as text: Quarto answers any text/html output on a page by
#: loading require.js and jQuery from a CDN, and the rendered notebooks must load nothing from outside.
KERNEL_SETUP = "--IPKernelApp.exec_lines=['import pandas; pandas.set_option(\"display.notebook_repr_html\", False)']"


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_digest(root: Path) -> str:
    """Everything a notebook can read besides its own cells: raw data and the helpers package."""
    h = hashlib.sha256(package_digest().encode())
    for p in sorted(p for p in raw_dir(root).rglob("*") if p.is_file()):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + sha256_file(p).encode())
    return h.hexdigest()


def notebook_digest(path: Path) -> str:
    """Hash of a notebook's cell sources only: outputs written back by the build do not count.
    (Plain JSON, not nbformat: importing nbformat alone takes most of a no-change build.)"""
    nb = json.loads(path.read_text(encoding="utf-8"))
    h = hashlib.sha256()
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        h.update(cell["cell_type"].encode() + b"\0" + source.encode() + b"\0")
    return h.hexdigest()


def notebooks(root: Path) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def tree_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _stop_kernel(client) -> None:
    """Kill the kernel of an interrupted notebook (nbclient's own clean-up did not run)."""
    process = getattr(getattr(getattr(client, "km", None), "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        process.kill()
        process.wait(timeout=10)


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
    except (KeyboardInterrupt, asyncio.CancelledError):
        # Ctrl-C reaches nbclient's event loop as a cancelled task: stop the kernel, report an interrupt
        _stop_kernel(client)
        raise KeyboardInterrupt from None
    except CellExecutionError as err:
        if err.ename == "KeyboardInterrupt":
            raise KeyboardInterrupt from None
        index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and
                      any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        detail = f"{err.ename}: {err.evalue}"
        where = f"cell {index + 1}" if index is not None else "a cell"
        raise BuildError(f"{path.relative_to(root).as_posix()}: {where}: {detail}") from None
    finally:
        os.environ.pop(OUTPUT_ENV, None)
    for cell in nb.cells:  # keep committed notebooks stable: no kernel-specific noise
        cell.get("metadata", {}).pop("execution", None)
        inert_outputs(cell)
    return nb


def inert_outputs(cell) -> None:
    """The outputs of a cell show data; Quarto renders them as code blocks, where it still runs
    shortcodes: make their text inert (:func:`helpers.core.escape.code_text`)."""
    for out in cell.get("outputs", []):
        if "text" in out:
            out["text"] = code_text(out["text"])
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/") and isinstance(value, str):
                out["data"][mime] = code_text(value)


def inputs_key(root: Path) -> str:
    """Everything a build reads: data/raw, the helpers package and the notebooks' cells."""
    h = hashlib.sha256(code_digest(root).encode())
    for nb in notebooks(root):
        h.update(nb.name.encode() + b"\0" + notebook_digest(nb).encode())
    return h.hexdigest()
