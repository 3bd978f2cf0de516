"""Result: what the engine found for the answers, explained, with caveats, help and exports."""
from __future__ import annotations

import streamlit as st

import display
import exports
import nav
import questions
import state
from elements import evaluate
from elements.explain import justification_dot
from safe import md_escape_inline as esc

st.title("Result")
framework = questions.framework_choice()
scenario = state.scenario_or_stop()
result = evaluate(scenario, framework)

if scenario.title:
    st.caption("Scenario: " + esc(scenario.title))
if not scenario.facts and scenario.person.age is None:
    st.info("No question has an answer yet, so every element is open. Start with the walkthrough.", icon="ℹ️")
    if st.button("Go to the walkthrough", key="result.to_walkthrough"):
        nav.go("walkthrough")

display.outcome_banner(result)
display.emergency_line(result.referrals[0])

st.header("The elements")
display.element_cards(result)
st.markdown(f"**Child:** {display.child_line(result)} ({esc(display.age_words(scenario))}).")

st.header("How the rules reached this")
st.graphviz_chart(
    justification_dot(result),
    alt=(
        "Justification diagram: the facts on the left lead to the rules that fired, each box showing "
        "the rule, its provision and whether it holds. The same steps are listed under Reasons."
    ),
)
st.caption("Each box is a rule that fired, with its provision and ✔ holds, ✘ does not hold, or ? open. "
           "The same steps, in words, follow.")

st.header("Reasons, with citations")
display.reasons(result)

st.header("Open questions")
display.open_questions(result)

st.header("What would change the outcome")
display.what_would_change(result)

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
    "Download Markdown", exports.markdown(result, scenario, include), exports.file_name(result, "md"),
    mime="text/markdown", key="export.md", on_click="ignore",
)
json_column.download_button(
    "Download JSON", exports.json_text(result, scenario, include), exports.file_name(result, "json"),
    mime="application/json", key="export.json", on_click="ignore",
)
pdf_column.download_button(
    "Download PDF", lambda: exports.pdf_bytes(result, scenario, include), exports.file_name(result, "pdf"),
    mime="application/pdf", key="export.pdf", on_click="ignore",
)
