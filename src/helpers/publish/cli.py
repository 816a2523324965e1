"""Command line: ``python -m helpers build | validate | figures | typeset``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.core.paths import project_root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers",
        description="Build and check the Russia–North Korea datasets (data/raw -> notebooks -> data/processed).",
    )
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: the one containing the current directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate data/raw, run the notebooks in order, publish data/processed, export figures/")
    b.add_argument("--force", action="store_true", help="run every notebook even if nothing changed")
    b.add_argument("--no-figures", action="store_true", help="skip the chart exports in figures/")
    sub.add_parser("validate", help="check data/raw; print path:row:column: reason for every problem")
    f = sub.add_parser("figures", help="export every chart to figures/ (HTML and PNG) from data/processed")
    f.add_argument("--force", action="store_true", help="rewrite every export even if unchanged")
    ty = sub.add_parser("typeset", help="set the rendered pages by the typographic rules of their language (Quarto's post-render step)")
    ty.add_argument("--site", type=Path, default=None, help="the rendered site (default: _site in the project)")
    args = parser.parse_args(argv)
    if args.command == "typeset":  # Quarto's post-render step: it runs in the project folder, which needs no data
        from helpers.publish.postrender import typeset_pages

        site = args.site or (args.root or Path.cwd()).resolve() / "_site"
        print(f"typeset: {typeset_pages(site)} page(s) set")
        return 0
    try:
        root = (args.root.resolve() if args.root else project_root())
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 2
    if args.command == "validate":
        from helpers.raw.validate import validate_raw

        problems = validate_raw(root)
        for p in problems:
            print(p)
        print(f"{len(problems)} problem(s) in data/raw", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "figures":
        from helpers.publish.build import run_figures

        return run_figures(root, force=args.force)
    from helpers.publish.build import run

    return run(root, force=args.force, figures=not args.no_figures)
