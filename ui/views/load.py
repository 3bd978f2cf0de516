"""Load a scenario: uploaded files (one scenario, several, or a YAML/ZIP set of many), or one
from the training library.

Uploads are read by elements.scenario_set, which validates every scenario exactly as the CLI
validates a file; a bad file gets the one-line message naming the file and the field, never a
traceback, and a set with a bad file is refused whole: nothing is loaded halfway. The result
page's JSON export loads too: its answers come back, its result is worked out again.

One scenario can go straight into the walkthrough; any number can be added to this session's
own scenarios (state.py), which the exercise, the classroom and the picker below then offer
beside the library's.
"""
from __future__ import annotations

import streamlit as st

import countries
import display
import library
import nav
import state
from elements import api
from elements.model import Scenario
from safe import md_escape, md_escape_inline as esc


def preview(scenario: Scenario) -> None:
    with st.container(border=True):
        st.markdown(f"**{esc(scenario.title or scenario.id or 'Untitled scenario')}**")
        age = scenario.person.age if scenario.person.age is not None else "unknown"
        known = sum(1 for v in scenario.facts.values() if v is not None)
        st.markdown(
            f"Age: {esc(age)}. Country: {esc(countries.name(scenario.jurisdiction))}. "
            f"Facts answered: {known} (every other fact stays unknown)."
        )
        if scenario.narrative:
            with st.expander("Narrative (shown, never evaluated)"):
                st.markdown(md_escape(scenario.narrative))


def load(scenario: Scenario) -> None:
    state.replace(state.Draft.of(scenario, state.draft().framework))
    nav.go("walkthrough")


def refused(exc: api.InputError, files: int) -> None:
    """Every problem, one line each, and that nothing was loaded."""
    problems = exc.problems if isinstance(exc, api.SetRefused) else [exc]
    head = "This file cannot be loaded." if files == 1 and len(problems) == 1 else \
        f"These files cannot be loaded ({len(problems)} problem(s)); nothing was loaded."
    lines = [esc(p.line()) for p in problems]
    st.error(head + (" " + lines[0] if len(lines) == 1 else "\n" + "\n".join(f"- {line}" for line in lines)), icon="⚠️")


def add(scenarios: list[Scenario], names: str) -> None:
    try:
        replaced = library.add_own(scenarios, names)
    except api.InputError as exc:
        refused(exc, 1)
        return
    st.session_state["load.added"] = (len(scenarios), replaced)


def own_section() -> None:
    own = state.own_scenarios()
    st.header("Your scenarios in this session")
    added = st.session_state.pop("load.added", None)
    if added:
        count, replaced = added
        note = f" It replaced your earlier version of: {', '.join(esc(t) for t in replaced)}." if replaced else ""
        st.success(f"Added {count} scenario(s). The exercise, the classroom and the list below offer them now, "
                   f"marked “your scenario”.{note}", icon="✅")
    if not own:
        st.markdown("None yet. Upload files above, or write one on the page *Write a scenario*.")
        return
    st.markdown("\n".join(f"- {esc(s.title or s.id)}" + ("" if s.narrative else " (no narrative: not offered "
                                                                                "in the exercise or the classroom)")
                          for s in own))
    st.caption("Kept in this browser session only, never on the server; the quick exit forgets them.")
    st.button("Remove my scenarios from this session", key="load.own.clear", on_click=state.clear_own)


st.title("Load a scenario")
st.markdown(
    "Load a scenario into the walkthrough, or add your own scenarios to this session for the "
    "exercise and the classroom. Nothing you upload is stored: the files are read in memory and "
    "forgotten when you leave."
)

st.header("Upload scenario files")
st.caption(
    "YAML or JSON files in the Elements scenario format: person (age), jurisdiction and facts "
    "(each true, false or null for unknown). Upload one file, several, a YAML file of several "
    "scenarios (separated by ---), or a ZIP of such files. A JSON file downloaded from the "
    "Result page loads too, so you can carry on where you left off: its answers are loaded, and "
    "the result is worked out again (the result saved in the file is not used)."
)
uploads = st.file_uploader("Scenario files (YAML, JSON or ZIP)", type=["yaml", "yml", "json", "zip"],
                           accept_multiple_files=True, key="load.upload")
if uploads:
    try:
        uploaded = api.read_uploads((u.name, u.getvalue()) for u in uploads)
    except api.InputError as exc:
        refused(exc, len(uploads))
    else:
        names = ", ".join(u.name for u in uploads)
        display.differing_expectations(uploaded, "The walkthrough, the exercise and the classroom show the "
                                       "engine's findings, not the file's: if the file's were what you meant "
                                       "to teach, check its facts.")
        if len(uploaded) == 1:
            preview(uploaded[0])
            if st.button("Load this file into the walkthrough", type="primary", key="load.upload.go"):
                load(uploaded[0])
        else:
            st.markdown(f"**{len(uploaded)} scenarios** in {esc(names)}:\n"
                        + "\n".join(f"- {esc(s.title or s.id)}" for s in uploaded))
        label = "Add it to my scenarios for this session" if len(uploaded) == 1 else \
            f"Add these {len(uploaded)} scenarios to my scenarios for this session"
        if st.button(label, key="load.set.add", type="secondary" if len(uploaded) == 1 else "primary"):
            add(uploaded, names)

own_section()

st.header("Or pick a training scenario")
entry = library.picker("Training scenario", "load.library", narrative_only=False)
if entry.scenario is None:
    st.error(esc(entry.error), icon="⚠️")
else:
    preview(entry.scenario)
    if st.button("Load this scenario into the walkthrough", key="load.library.go"):
        load(entry.scenario)
