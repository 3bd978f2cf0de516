"""The training scenarios in rules/scenarios/, and the one way a page picks one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import streamlit as st

from elements import api
from elements.model import Scenario


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
    for path in api.scenario_files():
        try:
            found.append(Entry(path, api.load_scenario(path), None))
        except api.InputError as exc:
            found.append(Entry(path, None, exc.line()))
    return found


def picker(label: str, key: str, narrative_only: bool = True) -> Entry:
    """A select box of the library's scenarios (those with a narrative, for the training
    pages); where there is none, the page says so and stops."""
    found = [e for e in entries() if not narrative_only or (e.scenario is not None and e.scenario.narrative)]
    if not found:
        st.info("The scenario library (rules/scenarios/) has no scenario" + (" with a narrative" if narrative_only else "")
                + " yet.", icon="ℹ️")
        st.stop()
    return found[st.selectbox(label, range(len(found)), format_func=lambda i: found[i].name, key=key)]
