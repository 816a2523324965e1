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


def edit_claim(root: Path) -> str:
    """Reword claim 8 in English (it shows on its claim page, in claimreview.json and the feeds)."""
    import csv
    import io

    path = root / "data/raw/claims.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    i, k = rows[0].index("claim_en"), rows[0].index("claim_id")
    row = next(r for r in rows[1:] if r[k] == "cl-08")
    row[i] = row[i].rstrip(".") + ", as edited by the desk."
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return row[i]


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
    from helpers.publish.transaction import JOURNAL, _move_into_place, recover, token

    _tree(tmp_path, "old")
    st = _staged(tmp_path)
    (st.dir / JOURNAL).write_text(json.dumps({"token": token(tmp_path), "moves": st.moves}), encoding="utf-8")
    for src, dst in st.moves[:done]:
        _move_into_place(st.dir / src, tmp_path / dst, st.dir / "old" / src)
    messages = []
    recover(tmp_path, log=messages.append)
    assert _versions(tmp_path) == {"new"}
    assert not list((tmp_path / "data").glob(".build-*"))
    assert messages and "completed" in messages[0]


def _foreign(root: Path, moves, with_token: bool = False) -> Path:
    """A staging folder with a journal that this project's builds did not write (a `git add -f`)."""
    from helpers.publish.transaction import JOURNAL, token

    folder = root / "data" / ".build-4242"
    (folder / "processed").mkdir(parents=True)
    (folder / "processed" / "a.csv").write_text("evil", encoding="utf-8")
    doc = {"moves": moves, **({"token": token(root)} if with_token else {})}
    (folder / JOURNAL).write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", ["no token", "outside the project", "not an output", "through a symlink", "staged path escapes"])
def test_a_journal_that_is_not_ours_is_refused_and_nothing_moves(tmp_path, case):
    from helpers.publish.transaction import BuildError, recover

    root = tmp_path / "project"
    _tree(root, "old")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep", encoding="utf-8")
    moves = {"no token": [["processed", "data/processed"]],
             "outside the project": [["processed", "../victim"]],
             "not an output": [["processed", "src"]],
             "through a symlink": [["processed", "figures"]],
             "staged path escapes": [["../../../victim", "data/processed"]]}[case]
    if case == "through a symlink":
        shutil.rmtree(root / "figures")
        (root / "figures").symlink_to(victim, target_is_directory=True)
    folder = _foreign(root, moves, with_token=case != "no token")
    with pytest.raises(BuildError, match=r"data/\.build-4242 was not left by a build of this project"):
        recover(root, log=lambda m: None)
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "keep" and len(list(victim.iterdir())) == 1
    assert (root / "data/processed/a.csv").read_text(encoding="utf-8") == "old"
    assert (folder / "processed" / "a.csv").is_file()  # left for a person to inspect


def test_a_staging_folder_that_is_a_symlink_is_unlinked_not_followed(tmp_path):
    from helpers.publish.transaction import recover

    root = tmp_path / "project"
    _tree(root, "old")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "precious.txt").write_text("keep", encoding="utf-8")
    (root / "data" / ".build-7").symlink_to(victim, target_is_directory=True)
    messages = []
    recover(root, log=messages.append)
    assert (victim / "precious.txt").is_file() and not (root / "data" / ".build-7").exists()
    assert messages == ["removed data/.build-7, which was not a folder of a build"]


def test_the_repository_holds_no_staging_or_cache_folder():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    assert tracked and "README.md" in tracked
    assert not [f for f in tracked if f.startswith(("data/.build-", "data/.processed-old-", ".build-cache/"))]


@pytest.mark.parametrize("point", ["commit-0", "commit-1", "commit-2"])
def test_a_move_that_fails_undoes_the_moves_before_it(tmp_path, monkeypatch, point):
    """Permission denied (or a full disk) on the n-th move of a commit: the moves already made are
    undone, the journal is gone, the old version is in place, one message says so."""
    from helpers.publish.transaction import FAULT_ENV, BuildError

    _tree(tmp_path, "old")
    monkeypatch.setenv(FAULT_ENV, f"{point}=eacces")
    with pytest.raises(BuildError, match=r"could not replace .* \(Permission denied\); the moves already made were undone"):
        with _staged(tmp_path) as st:
            st.commit()
    assert _versions(tmp_path) == {"old"}
    assert not list((tmp_path / "data").glob(".build-*"))


def test_a_second_build_waits_for_the_lock(tmp_path):
    from helpers.publish.transaction import BuildLocked, Lock

    with Lock(tmp_path):
        with pytest.raises(BuildLocked, match="another build is running"):
            with Lock(tmp_path):
                pass
    with Lock(tmp_path):  # released when the first one ends (and by the system if it is killed)
        pass


# ----------------------------------------------------------------------------- real builds

SITE = ("claims", "en/claims", "claimreview.json", "updates-fr.xml", "updates-en.xml")


def full_snapshot(root: Path) -> dict:
    """Every output of a build: data, charts, notebooks and the site files."""
    snap = snapshot(root)
    for rel in SITE:
        p = root / rel
        snap[rel] = tree_digest(p) if p.is_dir() else p.read_bytes()
    return snap


def with_outputs(root: Path) -> Path:
    """A project copy holding the last build's charts, cache and site files (so a build is incremental)."""
    with_figures_and_cache(root)
    for rel in SITE:
        src = ROOT / rel
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, root / rel) if src.is_dir() else shutil.copy2(src, root / rel)
    return root


def faulty_build(root: Path, fault: str) -> subprocess.CompletedProcess:
    from helpers.publish.transaction import FAULT_ENV

    return subprocess.run([sys.executable, "-m", "helpers", "--root", str(root), "build"], cwd=root, capture_output=True,
                          text=True, timeout=900, env={**os.environ, FAULT_ENV: fault})


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["figures=kill", "site=kill", "commit-3=kill"])
def test_killed_at_a_stage_boundary_then_the_next_build_publishes_everything_new(built, project_copy, fault):
    """SIGKILL at a named point (deterministic, not timed): before the commit, not one output
    changed; during it, the next build completes it. Either way the next build ends with every
    output new, the claim pages and feeds included, and says what it did."""
    root = with_outputs(project_copy)
    before = full_snapshot(root)
    new_title = edit_title(root)
    new_claim = edit_claim(root)
    result = faulty_build(root, fault)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert list((root / "data").glob(".build-*")), "a SIGKILL leaves the staging folder"
    if not fault.startswith("commit"):
        assert full_snapshot(root) == before  # not one new file

    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    said = "recovered: a build killed while publishing was completed" if fault.startswith("commit") else "removed data/.build-"
    assert said in result.stdout, result.stdout
    assert not list((root / "data").glob(".build-*"))
    after = full_snapshot(root)
    assert all(after[k] != before[k] for k in ("data/processed", "figures", "en/claims")), \
        [k for k in after if after[k] == before[k]]
    assert new_title in (root / "data/processed/timeline.csv").read_text(encoding="utf-8")
    assert new_title in (root / "figures/timeline-en.html").read_text(encoding="utf-8")
    assert new_claim in (root / "en/claims/cl-08.qmd").read_text(encoding="utf-8")
    assert new_claim in (root / "claimreview.json").read_text(encoding="utf-8")
    from helpers import load
    from helpers.site import claim_pages

    published = load(root)  # every claim page is the one the new data make (none is left from before the kill)
    for cid in published.claims["claim_id"]:
        for lang in ("fr", "en"):
            page = (root / claim_pages.claim_path(cid, lang, "qmd")).read_text(encoding="utf-8")
            assert page == claim_pages.claim_qmd(claim_pages.claim_context(published, cid, lang, claim_pages.site_url(root),
                                                                           claim_pages.report_address(root))), (cid, lang)
    from helpers.charts.figures import figures_current

    assert figures_current(root / "figures", root / "data/processed")  # charts drawn from these data
    again = run_cli(root, "build")
    assert "claim pages: unchanged" in again.stdout and full_snapshot(root) == after


@pytest.mark.slow
@pytest.mark.parametrize("fault, code, message", [
    ("site=interrupt", 130, "build interrupted at stage 'site' (Ctrl-C or SIGTERM)"),
    ("figures=enospc", 1, "build failed at stage 'figures': No space left on device"),
    ("site=eacces", 1, "build failed at stage 'site': Permission denied"),
    ("commit-4=eacces", 1, "the moves already made were undone, the previous version is in place"),
])
def test_a_fault_at_a_stage_boundary_is_one_message_and_nothing_changed(built, project_copy, fault, code, message):
    root = with_outputs(project_copy)
    edit_title(root)
    before = full_snapshot(root)
    result = faulty_build(root, fault)
    assert result.returncode == code, result.stdout + result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert full_snapshot(root) == before
    assert not list((root / "data").glob(".build-*"))
    assert "claim pages" not in result.stdout


@pytest.mark.slow
def test_a_corrupt_build_cache_is_named_and_rebuilt(built, project_copy):
    root = with_outputs(project_copy)
    (root / ".build-cache/state.json").write_text('{"half": ', encoding="utf-8")
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    assert ".build-cache/state.json is unreadable: ignored, every notebook runs again" in result.stdout
    json.loads((root / ".build-cache/state.json").read_text(encoding="utf-8"))
    assert "claim pages: unchanged" in run_cli(root, "build").stdout


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
