"""The build: reproducible to the byte, incremental, and publishing a valid Data Package."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli, tree_digest


def committed_digests(folder: str = "data/processed", suffix: str = "") -> dict[str, str]:
    """sha256 of every file of ``folder`` (ending in ``suffix``) as committed in git (HEAD), not as on disk."""
    import hashlib

    listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", "HEAD", folder],
                             capture_output=True, text=True, check=True).stdout.split()
    out = {}
    for path in listing:
        if not path.endswith(suffix):
            continue
        blob = subprocess.run(["git", "-C", str(ROOT), "show", f"HEAD:{path}"], capture_output=True, check=True).stdout
        out[path.removeprefix(folder + "/")] = hashlib.sha256(blob).hexdigest()
    return out


@pytest.mark.slow
def test_rebuild_from_scratch_matches_committed_data(project_copy):
    """Rebuild everything in a copy, cold, and compare with data/processed as committed."""
    committed = committed_digests()
    assert "timeline.csv" in committed and "datapackage.json" in committed
    result = run_cli(project_copy, "build", "--force", "--no-figures")
    assert result.returncode == 0, result.stderr
    assert tree_digest(project_copy / "data/processed") == committed
    # the notebooks as committed carry the outputs this build writes (none is left a build behind)
    notebooks = {k: v for k, v in tree_digest(project_copy / "notebooks").items() if k.endswith(".ipynb")}
    stale = sorted(k for k, v in committed_digests("notebooks", ".ipynb").items() if notebooks.get(k) != v)
    assert not stale, f"committed notebooks differ from a fresh build: {stale}"
    # and once more: the same inputs give the same bytes
    result = run_cli(project_copy, "build", "--force", "--no-figures")
    assert result.returncode == 0, result.stderr
    assert tree_digest(project_copy / "data/processed") == committed


@pytest.mark.slow
def test_no_change_rebuild_skips_every_notebook(project_copy):
    first = run_cli(project_copy, "build", "--no-figures")
    assert first.returncode == 0, first.stderr
    second = run_cli(project_copy, "build", "--no-figures")
    assert second.returncode == 0, second.stderr
    assert second.stdout.count("unchanged, skipped") == 6, second.stdout
    assert "0 notebook(s) run, 6 skipped" in second.stdout


@pytest.mark.slow
def test_changing_a_raw_table_reruns_the_notebooks(project_copy):
    assert run_cli(project_copy, "build", "--no-figures").returncode == 0
    path = project_copy / "data/raw/corrections.csv"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # same bytes: still skipped
    assert "6 skipped" in run_cli(project_copy, "build", "--no-figures").stdout
    rows = path.read_text(encoding="utf-8")
    first_event = (project_copy / "data/raw/timeline.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    path.write_text(rows + f"co-999,2026-11-24,timeline,{first_event},summary_en,Reformulé.,Rephrased.,\n", encoding="utf-8")
    result = run_cli(project_copy, "build", "--no-figures")
    assert result.returncode == 0, result.stderr
    assert "6 notebook(s) run" in result.stdout
    assert "co-999" in (project_copy / "data/processed/corrections.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_build_reads_the_published_data_once(built, project_copy, monkeypatch, capsys):
    """Load once, pass down: a build that publishes a corrected row reads data/processed once, and
    the charts, the claim pages and the feeds are all made from that one load."""
    from helpers.publish import build
    from helpers.model import published

    reads = []
    real = published.read_table
    monkeypatch.setattr(published, "read_table", lambda path, name, raw=True: reads.append(name) or real(path, name, raw))
    path = project_copy / "data/raw/timeline.csv"
    text = path.read_text(encoding="utf-8")
    assert "First Kim–Putin summit in Vladivostok," in text
    path.write_text(text.replace("First Kim–Putin summit in Vladivostok,", "First Kim–Putin summit in Vladivostok (edited),", 1),
                    encoding="utf-8")
    assert build.run(project_copy) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "figures: 48 written" in out and "claim pages: 30 written" in out, out
    assert reads.count("timeline") == 1 and len(reads) == len(published.PUBLISHED), reads
    assert "(edited)" in (project_copy / "figures/timeline-en.json").read_text(encoding="utf-8")


def test_frictionless_validates_the_published_package(built):
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--trusted", str(ROOT / "data/processed/datapackage.json")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:]


def test_package_is_a_data_dictionary(built):
    package = json.loads((ROOT / "data/processed/datapackage.json").read_text(encoding="utf-8"))
    assert {l["name"] for l in package["licenses"]} == {"CC-BY-4.0", "MIT"}
    paths = {r["path"] for r in package["resources"]}
    assert {"timeline.csv", "claims.csv", "claim_sources.csv", "estimates.csv", "actors.csv",
            "actor_geography.geojson", "basemap.geojson"} <= paths
    for res in package["resources"]:
        assert res["title"] and res["description"], res["path"]
        assert res["hash"].startswith("sha256:")
        assert res.get("x-title-fr"), f"{res['path']} has no French title"
        for field in res.get("schema", {}).get("fields", []):
            assert field.get("description"), f"{res['path']}:{field['name']} has no description"
            fr = field.get("x-description-fr", "")
            assert fr and fr != field["description"], f"{res['path']}:{field['name']} has no French description"
    base = next(r for r in package["resources"] if r["path"] == "basemap.geojson")
    assert "Crimea is part of Ukraine" in base["description"]
    assert base["x-provenance"]["natural_earth_version"] == "5.1.1"


def test_published_counts_meet_the_brief(published):
    assert len(published.timeline) >= 60
    assert len(published.claim_sources) >= 120
    assert len(published.estimates) >= 40 and published.estimates["claimant_actor_id"].nunique() >= 8
    alleged = published.timeline[published.timeline["status"].isin(["alleged", "denied", "acknowledged"])]
    assert (alleged["source_count"] >= 2).all()
    camps = set(published.claim_sources["claimant_camp"])
    assert {"russia", "north-korea"} <= camps  # both sides' voices
    # paragraphs and paraphrase: tests/test_paraphrase.py (without the article's text)


def test_no_shell_count_from_containers(published):
    est = published.estimates
    shells = est[est["quantity"] == "artillery shells"]
    converted = shells["notes"].str.contains("container", case=False) | shells["wording_en"].str.contains("container", case=False)
    assert (shells.loc[converted, "method"] == "capacity-based conversion").all()


def test_booleans_are_published_as_true_false_and_read_back(published, built):
    import csv

    for name, col in (("claims", "attribution_matches_earliest"), ("actors", "is_warring_party"),
                      ("estimates", "claimant_is_warring_party")):
        with open(ROOT / "data/processed" / f"{name}.csv", encoding="utf-8") as fh:
            values = {row[col] for row in csv.DictReader(fh)}
        assert values <= {"true", "false", ""} and {"true", "false"} <= values, (name, values)
    audit = published.claims["attribution_matches_earliest"]
    assert audit.eq(False).sum() >= 1 and audit.eq(True).sum() >= 1
