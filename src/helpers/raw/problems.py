"""What validation reports: one :class:`Problem` per fault, naming file, row, column and reason.

The lowest module of the package that knows about problems: every check of ``data/raw``
(file level, cells, geography, sourcing rules) builds them, and the build stops on
:class:`ValidationError` before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}:{self.column}: {self.reason}"


class ValidationError(Exception):
    """Raised with every problem found; nothing is written when it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
