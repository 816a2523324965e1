"""The helpers package is laid out by stage, and its imports say so.

The stages, bottom to top: core → raw → model → charts → site → publish. A module imports only
from its own stage or below (imports inside functions count too), no two modules import each
other through any chain, no module is longer than 400 lines, and every module sits in a stage.
The import graph is read with ``ast`` from the source files; nothing is imported or run.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "helpers"
STAGES = ("core", "raw", "model", "charts", "site", "publish")
#: the package's doors sit above every stage: `python -m helpers` and `from helpers import load`
DOORS = ("helpers", "helpers.__main__")
MAX_LINES = 400


def module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules that ``path`` (module ``name``) imports, wherever the import statement is."""
    top = name.split(".")[0]
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == top}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package upwards
                parent = name.split(".") if is_package else name.split(".")[:-1]
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            if base.split(".")[0] != top:
                continue
            for alias in node.names:  # `from helpers.raw import tables` imports the module helpers.raw.tables
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {m for m in found if m in known and m != name}


def graph(package: Path) -> dict[str, set[str]]:
    mods = modules(package)
    return {name: imports(path, name, set(mods)) for name, path in mods.items()}


def stage_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """'a -> b' for every import of a higher stage, of a door, or by a module outside every stage."""
    rank = {s: i for i, s in enumerate(STAGES)}
    out = []
    for source, targets in sorted(edges.items()):
        if source in DOORS:
            continue
        for target in sorted(targets):
            s, t = stage_of(source), stage_of(target)
            if target in DOORS or s is None or t is None or rank[t] > rank[s]:
                out.append(f"{source} ({s or 'no stage'}) -> {target} ({t or 'no stage'})")
    return out


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def test_no_import_circle():
    assert circles(graph(PACKAGE)) == []


def test_no_module_imports_a_stage_above_its_own():
    assert upward_imports(graph(PACKAGE)) == []


def test_every_module_sits_in_a_stage_and_stays_short():
    mods = modules(PACKAGE)
    assert not [m for m in mods if m not in DOORS and stage_of(m) is None]
    assert set(STAGES) <= {stage_of(m) for m in mods}
    long = {m: n for m, p in mods.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_documents_its_modules(stage):
    """The stage's docstring names every one of its modules (what a newcomer reads first)."""
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
    mine = sorted(m.rsplit(".", 1)[1] for m in modules(PACKAGE) if stage_of(m) == stage and m != f"helpers.{stage}")
    assert mine and [m for m in mine if f"helpers.{stage}.{m}" not in doc] == []


def test_the_checker_finds_a_circle_and_an_upward_import(tmp_path):
    """The checks above can fail: a made-up package with both faults is caught."""
    pkg = tmp_path / "helpers"
    files = {
        "__init__.py": "",
        "core/__init__.py": "", "core/a.py": "from helpers.site import b\n",              # upward
        "site/__init__.py": "", "site/b.py": "def f():\n    from helpers.site.c import g\n",  # inside a function
        "site/c.py": "from . import b\n",                                                  # relative: closes b <-> c
        "model/__init__.py": "", "model/d.py": "import helpers.core.a\nfrom helpers.raw.tables import x\n",
    }
    for rel, text in files.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(text)
    edges = graph(pkg)
    assert edges["helpers.model.d"] == {"helpers.core.a"}  # a module that does not exist is no edge
    assert circles(edges) == [["helpers.site.b", "helpers.site.c"]]
    assert upward_imports(edges) == ["helpers.core.a (core) -> helpers.site.b (site)"]
