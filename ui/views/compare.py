"""Compare frameworks: the same answers under every framework pack, side by side.

elements.compare decides what the table holds, where the frameworks part ways and why (each
framework's own explanation steps); this page only lays it out, marking every status that
differs from most frameworks with a symbol and bold type, never colour alone.
"""
from __future__ import annotations

import streamlit as st

import display
import nav
import state
from elements import api
from elements.api import COLUMNS, comparison_table, departures, differences
from safe import md_escape_inline as esc

DIFFERS = "≠"


def table(results) -> None:
    baseline = {d["column"]: d["baseline"] for d in differences(results)}
    head = "| Framework | " + " | ".join(c.title() for c in COLUMNS) + " |"
    lines = [head, "|---" * (len(COLUMNS) + 1) + "|"]
    for row in comparison_table(results):
        cells = []
        for column in COLUMNS:
            word = row[column]
            departs = column in baseline and word != baseline[column]
            cells.append(f"**{DIFFERS} {esc(word)}**" if departs else esc(word))
        lines.append(f"| {esc(row['title'])} | " + " | ".join(cells) + " |")
    st.markdown("\n".join(lines))
    if baseline:
        st.caption(f"{DIFFERS} in bold marks a status that differs from the one most frameworks give.")


def where_they_differ(results) -> None:
    diffs = differences(results)
    if not diffs:
        if len(results) > 1:
            st.markdown("The frameworks agree on every element and on the outcome for these answers.")
        return
    st.header("Where they differ")
    lines = []
    for diff in diffs:
        parts = [
            f"**{esc(word)}** under {esc(', '.join(r.framework_title for r in members))}"
            for word, members in diff["groups"]
        ]
        lines.append(f"- {esc(diff['column'].title())}: " + "; ".join(parts) + ".")
    st.markdown("\n".join(lines))
    st.header("Why, in each framework's own terms")
    for departure in departures(results):
        result = departure["result"]
        st.markdown(f"**{esc(result.framework_title)}**: {display.outcome_words(result.outcome)}.")
        lines = []
        for item in departure["items"]:
            where = f" ({display.cite(item['citation'], item['url'], item['confidence'])})" if item["citation"] else ""
            lines.append(f"- *{esc(item['label'])}, {esc(item['status'])}*{where}: {esc(' '.join(item['reasons']))}")
        st.markdown("\n".join(lines))


st.title("Compare frameworks")
st.markdown(
    "The same answers under every legal framework Elements has. Frameworks word the elements "
    "differently, so the same facts can meet one definition and not another. This explains the "
    "definitions; it decides nothing about anyone."
)
scenario = state.scenario_or_stop()
results = api.evaluate_all(scenario)
if len(results) == 1:
    st.info("Only one framework pack is installed, so there is nothing to compare yet.", icon="ℹ️")

table(results)
where_they_differ(results)

st.header("Each framework in full")
for result in results:
    with st.expander(f"{result.framework_title}: {display.outcome_words(result.outcome)}"):
        st.markdown(esc(result.summary))
        display.element_checklist(result, scenario)
        if st.button("Open on the Result page", key=f"compare.open.{result.framework}"):
            state.draft().framework = result.framework
            nav.go("result")
