"""The training scenarios in rules/scenarios/, for the Load page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from elements import Scenario, load_scenario
from elements.api import scenario_files
from elements.errors import InputError


@dataclass(frozen=True)
class Entry:
    path: Path
    scenario: Optional[Scenario]
    error: Optional[str]  # the one-line message when the file does not validate

    @property
    def name(self) -> str:
        if self.scenario is None:
            return f"{self.path.name} (cannot be loaded)"
        return self.scenario.title or self.scenario.id or self.path.stem


def entries() -> list[Entry]:
    """Every scenario file, valid or not: a broken file is listed with its message, not hidden."""
    found = []
    for path in scenario_files():
        try:
            found.append(Entry(path, load_scenario(path), None))
        except InputError as exc:
            found.append(Entry(path, None, exc.line()))
    return found
