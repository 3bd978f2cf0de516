"""Compare frameworks: the same answers under every framework pack, side by side.

The comparison itself is elements.compare's when the package has it; until then a
plain table of the Results. Either way, every cell is a Result's own status and every
explanation is the engine's own text for that framework.
"""
from __future__ import annotations

import streamlit as st

import display
import state
from elements import evaluate_all
from elements.errors import InputError
from safe import md_escape_inline as esc

try:  # elements.compare is being written alongside this page.
    from elements import compare
except ImportError:  # pragma: no cover - depends on the package version
    compare = None

ROWS = ("action", "means", "purpose")


def cells(results) -> list[tuple[str, list[str]]]:
    """(row name, one cell per framework): the elements, the child question and the outcome."""
    rows = []
    for role in ROWS:
        rows.append((results[0].elements[role].label, [display.status_words(r.elements[role].status) for r in results]))
    rows.append(("Child", [display.CHILD_WORDS[r.child] for r in results]))
    rows.append(("Outcome", [display.outcome_words(r.outcome) for r in results]))
    return rows


def plain_table(results) -> None:
    head = "| | " + " | ".join(esc(r.framework_title) for r in results) + " | Same under all? |"
    lines = [head, "|---" * (len(results) + 2) + "|"]
    for name, row in cells(results):
        same = "= same" if len(set(row)) == 1 else "**≠ differs**"
        lines.append(f"| **{esc(name)}** | " + " | ".join(esc(c) for c in row) + f" | {same} |")
    st.markdown("\n".join(lines))


def differences(results) -> None:
    """Each element whose status differs, with each framework's own reason and provision."""
    found = False
    for role in ROWS:
        statuses = {r.elements[role].status for r in results}
        if len(statuses) == 1:
            continue
        found = True
        st.subheader(f"Why the {results[0].elements[role].label.lower()} element differs")
        lines = []
        for r in results:
            finding = r.elements[role]
            step = next((s for s in r.explanation if s.rule == finding.rule), None)
            text = esc(step.text) if step else ""
            lines.append(
                f"- **{esc(r.framework_title)}** ({esc(finding.citation)}): {display.status_words(finding.status)}. {text}"
            )
        st.markdown("\n".join(lines))
    if not found:
        st.markdown("Every element has the same status under every framework for these answers.")


st.title("Compare frameworks")
st.markdown(
    "The same answers, under every legal framework the package provides. Frameworks word the "
    "elements differently, so the same facts can meet one definition and not another."
)
try:
    scenario = state.get_scenario()
except InputError as exc:
    st.error("These answers cannot be evaluated: " + esc(exc.line()))
    st.stop()
results = evaluate_all(scenario)
if len(results) == 1:
    st.info("Only one framework pack is installed, so there is nothing to compare yet.", icon="ℹ️")

if compare is not None and hasattr(compare, "render_comparison_markdown"):
    st.markdown(compare.render_comparison_markdown(results))
else:
    plain_table(results)
    st.header("Differences, explained")
    differences(results)

st.header("Each framework in full")
for result in results:
    with st.expander(f"{result.framework_title}: {display.outcome_words(result.outcome)}"):
        st.markdown(esc(result.summary))
        display.element_checklist(result, scenario)
        if st.button("Open on the Result page", key=f"compare.open.{result.framework}"):
            state.set_framework(result.framework)
            st.switch_page("views/result.py")
