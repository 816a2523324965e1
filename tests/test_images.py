"""The PNG export's watchdog, with a real kaleido and a real Chromium: a browser that stops answering
is killed with its child, and a new one draws the images (helpers.charts.images)."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import plotly.graph_objects as go
import pytest

from helpers.charts import images


def figures(n: int) -> list[go.Figure]:
    return [go.Figure(go.Bar(x=["a", "b"], y=[i, i + 1]), layout={"height": 300}) for i in range(n)]


def browsers_under(pid: int) -> list[int]:
    """Chromium's main processes under ``pid`` (not its helpers, which carry --type=, nor kaleido's wrapper)."""
    found = []
    for child in images._descendants(pid):
        try:
            argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv[0].endswith(b"chromium") and not any(a.startswith(b"--type=") for a in argv):
            found.append(child)
    return found


def test_the_images_are_pngs_of_the_figures_height(tmp_path):
    paths = [tmp_path / f"{i}.png" for i in range(2)]
    assert images.write_pngs(figures(2), paths) == 1
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert int.from_bytes(data[16:20], "big") == images.WIDTH and int.from_bytes(data[20:24], "big") == 300
    assert not browsers_under(os.getpid())


@pytest.mark.slow
def test_a_stalled_browser_is_killed_and_the_images_drawn_by_a_new_one(tmp_path):
    stopped: list[int] = []

    def stop_the_first_browser() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not stopped:
            for pid in browsers_under(os.getpid()):
                os.kill(pid, signal.SIGSTOP)  # alive, silent: what a stalled Chromium looks like
                stopped.append(pid)
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=stop_the_first_browser)
    watcher.start()
    paths = [tmp_path / f"{i}.png" for i in range(4)]
    children = images.write_pngs(figures(4), paths, stall=5)
    watcher.join()
    assert stopped and children == 2
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in paths)
    assert not Path(f"/proc/{stopped[0]}").exists() or b"zombie" in Path(f"/proc/{stopped[0]}/status").read_bytes().lower()
    assert not browsers_under(os.getpid())


def test_a_browser_that_never_answers_ends_in_a_message_naming_what_is_missing(tmp_path):
    stop = threading.Event()

    def stop_every_browser() -> None:
        while not stop.is_set():
            for pid in browsers_under(os.getpid()):
                try:
                    os.kill(pid, signal.SIGSTOP)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)

    watcher = threading.Thread(target=stop_every_browser)
    watcher.start()
    try:
        with pytest.raises(images.ImageExportError, match=r"stalled 2 times \(no image for 3 s\): 2 of 2 images not drawn"):
            images.write_pngs(figures(2), [tmp_path / "a.png", tmp_path / "b.png"], stall=3, attempts=2)
    finally:
        stop.set()
        watcher.join()
    assert not list(tmp_path.iterdir()) and not browsers_under(os.getpid())
