"""The training scenarios: the library's (rules/scenarios/) and the trainer's own for this
session (written on the editor page or uploaded on the Load page, kept by state.py), and the
one way a page picks one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import streamlit as st

import state
from elements import api
from elements.model import Scenario

OWN_MARK = " (your scenario)"  # how the picker tells a trainer's own scenario from the library's


@dataclass(frozen=True)
class Entry:
    path: Path  # the library's file; for an own scenario, the file it is saved as
    scenario: Optional[Scenario]
    error: Optional[str]  # the one-line message when the file does not validate
    own: bool = False  # written or uploaded in this session, not from the library

    @property
    def name(self) -> str:
        if self.scenario is None:
            return f"{self.path.name} (cannot be loaded)"
        return (self.scenario.title or self.scenario.id or self.path.stem) + (OWN_MARK if self.own else "")


def entries() -> list[Entry]:
    """Every scenario file, valid or not: a broken file is listed with its message, not hidden."""
    found = []
    for path in api.scenario_files():
        try:
            found.append(Entry(path, api.load_scenario(path), None))
        except api.InputError as exc:
            found.append(Entry(path, None, exc.line()))
    return found


def own_entries() -> list[Entry]:
    return [Entry(Path(api.scenario_file_name(s)), s, None, own=True) for s in state.own_scenarios()]


def library_ids() -> set[str]:
    return {e.scenario.id.casefold() for e in entries() if e.scenario is not None and e.scenario.id}


def add_own(scenarios: list[Scenario], source: str) -> list[str]:
    """Add scenarios to the session's own, or InputError (nothing added) when one has the id
    of a library scenario: a trainer's version of it needs its own id, or the two could not be
    told apart in an exercise's results. Returns the titles of own scenarios replaced."""
    taken = library_ids()
    for scenario in scenarios:
        if (scenario.id or "").casefold() in taken:
            raise api.InputError(source, "id", f"{scenario.id} is the id of a scenario of the library: "
                                               f"give “{scenario.title or scenario.id}” an id of its own")
    return state.add_own(scenarios)


def choices(narrative_only: bool = True) -> list[Entry]:
    """The library's scenarios, then the session's own: appended after the library's, so a
    choice made by its place in the list stays the same scenario when one is added."""
    found = entries() + own_entries()
    return [e for e in found if not narrative_only or (e.scenario is not None and e.scenario.narrative)]


def index_of(scenario_id: str, narrative_only: bool = True) -> Optional[int]:
    """Where the session's own scenario with this id is in the picker's list, to choose it."""
    found = choices(narrative_only)
    return next((i for i, e in enumerate(found) if e.own and e.scenario.id == scenario_id), None)


def picker(label: str, key: str, narrative_only: bool = True) -> Entry:
    """A select box of the library's scenarios and the session's own (those with a narrative,
    for the training pages); where there is none, the page says so and stops."""
    found = choices(narrative_only)
    if not found:
        st.info("The scenario library (rules/scenarios/) has no scenario" + (" with a narrative" if narrative_only else "")
                + " yet. Write one on the page *Write a scenario*, or upload one on *Load a scenario*.", icon="ℹ️")
        st.stop()
    if st.session_state.get(key) is not None and not 0 <= st.session_state[key] < len(found):
        del st.session_state[key]  # the session's own scenarios were cleared: back to the first
    return found[st.selectbox(label, range(len(found)), format_func=lambda i: found[i].name, key=key)]
