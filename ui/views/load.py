"""Load a scenario: an uploaded YAML/JSON file, or one from the training library.

An upload is validated exactly as the CLI validates a file (elements.parse_scenario), and a
bad file gets the same one-line message naming the field, never a traceback. The result
page's JSON export loads too (elements.saved): its answers come back, its result is ignored.
"""
from __future__ import annotations

import streamlit as st

import countries
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


st.title("Load a scenario")
st.markdown(
    "Load a scenario into the walkthrough, replacing the answers you have now. Nothing you "
    "upload is stored: the file is read in memory and forgotten when you leave."
)

st.header("Upload a scenario file")
st.caption(
    "A YAML or JSON file in the Elements scenario format: person (age), jurisdiction and facts "
    "(each true, false or null for unknown). A JSON file downloaded from the Result page loads "
    "too, so you can carry on where you left off: its answers are loaded, and the result is "
    "worked out again (the result saved in the file is not used)."
)
upload = st.file_uploader("Scenario file (YAML or JSON)", type=["yaml", "yml", "json"], key="load.upload")
if upload is not None:
    try:  # parse_scenario refuses a file over the limit of elements.api.MAX_SCENARIO_BYTES
        uploaded = api.parse_scenario(upload.getvalue(), upload.name)
    except api.InputError as exc:
        st.error("This file cannot be loaded. " + esc(exc.line()), icon="⚠️")
    else:
        preview(uploaded)
        if st.button("Load this file into the walkthrough", type="primary", key="load.upload.go"):
            load(uploaded)

st.header("Or pick a training scenario")
entry = library.picker("Training scenario", "load.library", narrative_only=False)
if entry.scenario is None:
    st.error(esc(entry.error), icon="⚠️")
else:
    preview(entry.scenario)
    if st.button("Load this scenario into the walkthrough", key="load.library.go"):
        load(entry.scenario)
