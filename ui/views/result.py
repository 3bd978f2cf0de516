"""Result: what the engine found for the answers, explained, with caveats, help and exports.

The result in plain words first (one paragraph), then the elements, then, behind an expander
for professionals, the trace (the diagram, and the same steps as a list). A person reads
labels and citations here, never ids.
"""
from __future__ import annotations

import streamlit as st

import display
import exports
import nav
import questions
import state
from elements import evaluate
from elements.api import justification_dot, what_if
from safe import md_escape_inline as esc

st.title("Result")
framework = questions.framework_choice()
scenario = state.scenario_or_stop()
result = evaluate(scenario, framework)
changes = what_if(scenario, framework)  # every answer tried the other way: a few dozen evaluations

if scenario.title:
    st.caption("Scenario: " + esc(scenario.title))
if not scenario.facts and scenario.person.age is None:
    st.info("No question has an answer yet, so every element is open. Start with the walkthrough.", icon="ℹ️")
    if st.button("Go to the walkthrough", key="result.to_walkthrough"):
        nav.go("walkthrough")

# The diagram is not legible on a narrow screen: there it gives way to the same steps as a list.
NARROW_CSS = """<style>
@media (max-width: 640px) { .st-key-trace_diagram { display: none; } }
@media (min-width: 641px) { .st-key-trace_narrow { display: none; } }
</style>"""
st.html(NARROW_CSS)

display.outcome_banner(result)
display.emergency_line(result.referrals[0])

st.header("The elements")
display.element_cards(result)
st.markdown(f"**Child:** {display.child_line(result)} ({esc(display.age_words(scenario))}).")

with st.expander("For professionals: how the rules reached this (the rules that fired)"):
    with st.container(key="trace_diagram"):
        st.graphviz_chart(
            justification_dot(result),
            alt=(
                "Justification diagram: the facts on the left lead to the rules that fired, each box showing "
                "the rule, its provision and whether it holds. The same steps are listed below."
            ),
        )
        st.caption("Each box is a rule that fired, with its provision and ✔ holds, ✘ does not hold, or ? open. "
                   "The same steps, in words, follow.")
    with st.container(key="trace_narrow"):
        st.caption("On a narrow screen the diagram is left out: the same steps follow as a list.")
    display.reasons(result)

st.header("Open questions")
display.open_questions(result)

st.header("What would change it")
st.caption("Each answer the framework reads, tried the other way by evaluating again. "
           "“Try it” shows that result beside this one; your answers stay as they are.")
display.what_would_change(result, changes, scenario)

if result.related:
    st.header("Related offences")
    display.related(result)

st.header("Caveats")
display.caveats(result.caveats)

st.header("Where to get help")
# The walkthrough's own country question: changing it here changes the help shown (and the
# emergency line at the top), and the walkthrough keeps the same answer.
questions.country_question()
display.referrals(result.referrals)

st.header("Export this analysis")
st.markdown(
    "The exports hold the findings, the reasons with citations, the caveats with their sources "
    "and the referrals. Nothing is saved on the server: the file goes to your device only."
)
st.markdown(
    "**To stop and come back later**, download the JSON: it holds your answers. Load it on the "
    "*Load a scenario* page (or give it to `elements check`) to carry on where you left off."
)
NARRATIVE_KEY = state.WIDGET + "include_narrative"
include = False
if scenario.narrative:
    st.checkbox(
        "Include the narrative in the exports (it may describe a real person)",
        value=state.draft().include_narrative,
        key=NARRATIVE_KEY,
        on_change=lambda: setattr(state.draft(), "include_narrative", st.session_state[NARRATIVE_KEY]),
    )
    include = state.draft().include_narrative
md_column, json_column, pdf_column = st.columns(3)
md_column.download_button(
    "Download Markdown", exports.markdown(result, scenario, include, changes), exports.file_name(result, "md"),
    mime="text/markdown", key="export.md", on_click="ignore",
)
json_column.download_button(
    "Download JSON", exports.json_text(result, scenario, include), exports.file_name(result, "json"),
    mime="application/json", key="export.json", on_click="ignore",
)
pdf_column.download_button(
    "Download PDF", lambda: exports.pdf_bytes(result, scenario, include, changes), exports.file_name(result, "pdf"),
    mime="application/pdf", key="export.pdf", on_click="ignore",
)
