"""Classroom: for a projector. The narrative in large type, the elements revealed one at a
time, and the frameworks switched on and off live so a class can see where they part ways.

Every status, provision and explanation shown is the engine's (elements.evaluate); this page
only chooses how much of it to show.
"""
from __future__ import annotations

import streamlit as st

import display
import library
from elements import api
from elements.words import ROLES
from safe import md_escape, md_escape_inline as esc

REVEALED = "cls.revealed"  # how many elements are shown, 0..3
SHOWN_FOR = "cls.shown_for"  # the scenario the reveal count belongs to

# Fixed CSS, never built from user text: large type inside the keyed container only.
CSS = """<style>
.st-key-classroom p, .st-key-classroom li{font-size:1.65rem;line-height:1.45}
.st-key-classroom h2{font-size:2.2rem}
.st-key-classroom h3{font-size:1.9rem}
</style>"""


def reveal(n: int) -> None:
    st.session_state[REVEALED] = max(0, min(len(ROLES), n))


def element_column(result, role: str) -> None:
    finding = result.elements[role]
    st.markdown(f"### {display.status_words(finding.status)}")
    st.markdown(f"*{esc(result.framework_title)}*, {esc(finding.citation)}")
    if finding.satisfied_by:
        st.markdown("By: " + esc(display.fact_names(finding.satisfied_by)))
    step = next((s for s in result.explanation if s.rule == finding.rule), None)
    if step is not None:
        st.markdown(esc(step.text))


st.title("Classroom")
st.html(CSS)

entry = library.picker("Scenario", "cls.scenario")
scenario = entry.scenario
sid = scenario.id or entry.path.stem
if st.session_state.get(SHOWN_FOR) != sid:
    st.session_state[SHOWN_FOR] = sid
    st.session_state[REVEALED] = 0
st.session_state.setdefault(REVEALED, 0)

ids = api.framework_ids()
chosen = st.pills(
    "Frameworks shown", ids, selection_mode="multi", default=["palermo"] if "palermo" in ids else ids[:1],
    format_func=lambda f: api.get_pack(f).short_title, key="cls.frameworks",
)
chosen = [f for f in ids if f in (chosen or [])]

revealed = st.session_state[REVEALED]
buttons = st.columns(3)
buttons[0].button("Reveal the next element", key="cls.next", on_click=reveal, args=(revealed + 1,),
                  disabled=revealed >= len(ROLES), type="primary")
buttons[1].button("Reveal all", key="cls.all", on_click=reveal, args=(len(ROLES),), disabled=revealed >= len(ROLES))
buttons[2].button("Hide the findings", key="cls.hide", on_click=reveal, args=(0,), disabled=revealed == 0)

with st.container(key="classroom"):
    st.markdown(f"## {esc(scenario.title or sid)}")
    st.markdown(md_escape(scenario.narrative))
    if not chosen:
        st.markdown("Choose at least one framework to show its findings.")
    results = [api.evaluate(scenario, fw) for fw in chosen]
    for role in ROLES[:revealed]:
        label = results[0].elements[role].label if results else role.title()
        st.markdown(f"## {esc(role.title())}" + (f" ({esc(label)})" if label.lower() != role else ""))
        columns = st.columns(len(results)) if 1 <= len(results) <= 3 else [st.container() for _ in results]
        for column, result in zip(columns, results):
            with column:
                element_column(result, role)
    if revealed >= len(ROLES) and results:
        st.markdown("## Outcome")
        st.markdown("\n".join(
            f"- **{esc(r.framework_title)}**: {display.outcome_words(r.outcome)}. Child: "
            f"{display.child_line(r)}."
            for r in results
        ))
        # Every chosen framework's caveats, each once: for a contrast scenario the distinction
        # (sex work, smuggling) is the point of the lesson.
        caveats = {}
        for r in results:
            for c in r.caveats:
                caveats.setdefault(c.id, c)
        if caveats:
            st.markdown("## Caveats")
            display.caveats(list(caveats.values()))
        if scenario.discussion_questions:
            st.markdown("## To discuss\n" + "\n".join(f"- {esc(q)}" for q in scenario.discussion_questions))
    elif results:
        st.markdown(f"*{revealed} of {len(ROLES)} elements revealed.*")

st.caption(
    "These findings explain how each definition reads the facts given; they decide nothing about "
    "anyone."
)
if scenario.teaching_notes:
    with st.expander("Notes for the teacher (not for the projector)"):
        st.markdown(md_escape(scenario.teaching_notes))
        if scenario.sources:
            st.caption("Sources: " + "; ".join(esc(s) for s in scenario.sources))
