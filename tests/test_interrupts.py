"""A build is one transaction: killed (SIGKILL), interrupted (Ctrl-C) or failing at any stage,
it leaves the old outputs or the new ones, never a mix, and the next build recovers."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, tree_digest


def snapshot(root: Path) -> dict:
    return {f: tree_digest(root / f) for f in ("data/processed", "figures", "notebooks")}


def with_figures_and_cache(root: Path) -> Path:
    shutil.copytree(ROOT / "figures", root / "figures")
    (root / ".build-cache").mkdir(exist_ok=True)
    shutil.copy2(ROOT / ".build-cache/state.json", root / ".build-cache/state.json")
    return root


def start_build(root: Path) -> subprocess.Popen:
    """`python -m helpers build` in its own process group, as a terminal would run it."""
    return subprocess.Popen([sys.executable, "-u", "-m", "helpers", "--root", str(root), "build"], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(condition, proc: subprocess.Popen, what: str, limit: float = 600) -> None:
    """Poll until `condition()` holds (a state of the build, not a duration); fail if the build ends first."""
    end = time.monotonic() + limit
    while not condition():
        assert proc.poll() is None, f"the build ended before {what}: {proc.communicate()}"
        assert time.monotonic() < end, f"never saw {what}"
        time.sleep(0.02)


def edit_title(root: Path) -> str:
    path = root / "data/raw/timeline.csv"
    text = path.read_text(encoding="utf-8")
    new = "First Kim–Putin summit in Vladivostok (edited)"
    assert "First Kim–Putin summit in Vladivostok," in text
    path.write_text(text.replace("First Kim–Putin summit in Vladivostok,", new + ",", 1), encoding="utf-8")
    return new


# ----------------------------------------------------------------------------- the journal, directly

def _tree(root: Path, version: str) -> None:
    for rel in ("data/processed/a.csv", "data/processed/b.csv", "figures/x.html", "notebooks/01_x.ipynb"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(version, encoding="utf-8")


def _staged(root: Path):
    from helpers.publish.transaction import Staging

    st = Staging(root)
    st.dir.mkdir(parents=True)
    for rel, target in (("processed", "data/processed"), ("figures", "figures")):
        shutil.copytree(root / target, st.path(rel))
        for p in st.path(rel).rglob("*"):
            p.write_text("new", encoding="utf-8")
        st.publish(rel, root / target)
    (st.path("notebooks")).mkdir()
    st.path("notebooks/01_x.ipynb").write_text("new", encoding="utf-8")
    st.publish("notebooks/01_x.ipynb", root / "notebooks/01_x.ipynb")
    return st


def _versions(root: Path) -> set[str]:
    return {p.read_text(encoding="utf-8") for d in ("data/processed", "figures", "notebooks") for p in (root / d).rglob("*") if p.is_file()}


def test_killed_before_publishing_leaves_the_old_version(tmp_path):
    from helpers.publish.transaction import recover

    _tree(tmp_path, "old")
    _staged(tmp_path)  # a build killed here: staged, no journal
    recover(tmp_path, log=lambda m: None)
    assert _versions(tmp_path) == {"old"}
    assert not list((tmp_path / "data").glob(".build-*"))


@pytest.mark.parametrize("done", [0, 1, 2, 3])
def test_killed_while_publishing_is_completed_by_the_next_build(tmp_path, done):
    """Killed after `done` of the 3 moves: the journal lets the next build finish all of them."""
    from helpers.publish.transaction import JOURNAL, _move_into_place, recover

    _tree(tmp_path, "old")
    st = _staged(tmp_path)
    (st.dir / JOURNAL).write_text(json.dumps({"moves": st.moves}), encoding="utf-8")
    for src, dst in st.moves[:done]:
        _move_into_place(st.dir / src, tmp_path / dst, st.dir / "old" / src)
    messages = []
    recover(tmp_path, log=messages.append)
    assert _versions(tmp_path) == {"new"}
    assert not list((tmp_path / "data").glob(".build-*"))
    assert messages and "completed" in messages[0]


def test_a_second_build_waits_for_the_lock(tmp_path):
    from helpers.publish.transaction import BuildLocked, Lock

    with Lock(tmp_path):
        with pytest.raises(BuildLocked, match="another build is running"):
            with Lock(tmp_path):
                pass
    with Lock(tmp_path):  # released when the first one ends (and by the system if it is killed)
        pass


# ----------------------------------------------------------------------------- real builds

@pytest.mark.slow
def test_sigkill_during_the_figure_export_then_recovery(built, project_copy):
    """Killed while the charts are exported: data, charts and notebooks all stay old; the next
    build removes the staging folder and publishes all of the new version."""
    root = with_figures_and_cache(project_copy)
    before = snapshot(root)
    new_title = edit_title(root)
    t0 = time.time()
    proc = start_build(root)

    def exporting() -> bool:
        staged = [p for d in (root / "data").glob(".build-*/figures") for p in d.iterdir()]
        return any(p.stat().st_mtime > t0 for p in staged if p.is_file())

    wait_for(exporting, proc, "the figure export start")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert snapshot(root) == before  # not one new file: old data, old charts, old notebooks
    assert list((root / "data").glob(".build-*")), "a SIGKILL leaves the staging folder"

    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    assert "removed data/.build-" in result.stdout
    assert not list((root / "data").glob(".build-*"))
    after = snapshot(root)
    assert after["data/processed"] != before["data/processed"] and after["figures"] != before["figures"]
    assert new_title in (root / "data/processed/timeline.csv").read_text(encoding="utf-8")
    from helpers.charts.exports import inputs_digest

    manifest = json.loads((root / "figures/manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == inputs_digest(root / "data/processed")  # charts drawn from these data
    assert new_title in (root / "figures/timeline-en.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_ctrl_c_during_the_notebooks_is_a_clean_message(built, project_copy):
    root = with_figures_and_cache(project_copy)
    before = snapshot(root)
    edit_title(root)
    proc = start_build(root)
    seen = []

    def running() -> bool:
        line = proc.stdout.readline()
        seen.append(line)
        return "02_timeline.ipynb: running" in line

    wait_for(running, proc, "notebook 02 running")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (out, err)
    assert "build interrupted at stage 'notebooks'" in err, err
    assert "nothing published: data/processed left unchanged, figures/ left unchanged" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert snapshot(root) == before
    assert not list((root / "data").glob(".build-*"))


@pytest.mark.slow
def test_a_failing_chart_publishes_nothing(built, project_copy, monkeypatch, capsys):
    """An exception in the figure stage: one message naming the stage and the chart, exit 1,
    and data/processed and figures/ as they were (on main, data were published first)."""
    from helpers.publish import build
    from helpers.charts import figures

    root = with_figures_and_cache(project_copy)
    (root / "figures/manifest.json").unlink()  # the charts must be re-exported
    edit_title(root)
    before = snapshot(root)
    real = figures.build_figure

    def broken(data, chart_id, lang):
        if chart_id == "estimates":
            raise ValueError("could not convert '2024-1-4' to a date")
        return real(data, chart_id, lang)

    monkeypatch.setattr(figures, "build_figure", broken)
    assert build.run(root) == 1
    err = capsys.readouterr().err
    assert "build failed at stage 'figures': chart estimates-fr: ValueError: could not convert" in err, err
    assert "nothing published: data/processed left unchanged, figures/ left unchanged" in err
    assert snapshot(root) == before
    assert not list((root / "data").glob(".build-*"))
