"""From a narrative: paste or load a narrative, see the phrases that suggest facts, confirm the
ones that are right, and carry them into the walkthrough.

elements.highlight finds the phrases (rules/phrases.yaml); nothing it finds becomes an answer
on its own. Only the facts the user ticks here become answers; the rest go to the walkthrough
as suggestions, which count only once the user accepts or answers them there. The narrative
stays in this browser session's memory and is never evaluated as law.
"""
from __future__ import annotations

import streamlit as st

import library
import nav
import state
from elements.api import age_candidates, highlight, marks, propose_age, proposed_facts, vocabulary
from safe import md_escape, md_escape_inline as esc

TEXT = "nar.text"
MAX_CHARS = 20_000
GROUP_TITLES = {"action": "The action", "means": "The means", "purpose": "The purpose", "context": "Consent and movement"}


def use_library_narrative(text: str) -> None:
    st.session_state[TEXT] = text


def highlighted(text: str, suggestions) -> str:
    """The narrative as Markdown, each proposed phrase marked and numbered. Every piece of the
    user's text is escaped; only the fixed marking syntax is not. Overlapping phrases are one
    marked stretch (elements.highlight.marks), so no marking is ever nested or left open."""
    out = []
    for piece in marks(text, suggestions):
        body = f":orange-background[{esc(piece.text)}]" if piece.marked else md_escape(piece.text)
        out.append(body + "".join(f"\\[{i + 1}\\]" for i in piece.ends))
    return "".join(out)


def group_of(fact_id: str) -> str:
    return vocabulary().fact(fact_id).group


def carry_over(text: str, confirmed: list[str], unconfirmed: list[str], age, phrases: dict[str, list[str]]) -> None:
    draft = state.Draft(framework=state.draft().framework, loaded={"narrative": text}, phrases=phrases,
                        age=age, age_known=True if age is not None else None)
    for fact_id in confirmed:
        draft.answer(fact_id, True)
    for fact_id in unconfirmed:
        draft.propose(fact_id, True)
    state.replace(draft)
    nav.go("walkthrough")


st.title("From a narrative")
st.markdown(
    "Paste a narrative, or start from one in the training library. Elements marks the phrases "
    "that suggest facts and proposes those facts; you decide which are right. Nothing is set "
    "until you tick it, and a phrase is only a hint: indicators neither prove nor disprove "
    "anything. The text stays in this browser session and is not stored."
)
st.warning(
    "Do not paste names, addresses or other details that could identify a real person.", icon="⚠️"
)

entries = [e for e in library.entries() if e.scenario is not None and e.scenario.narrative]
if entries:
    with st.expander("Start from a library narrative"):
        pick = st.selectbox("Training scenario", range(len(entries)), format_func=lambda i: entries[i].name, key="nar.library")
        st.button("Use this narrative", key="nar.use", on_click=use_library_narrative, args=(entries[pick].scenario.narrative,))

text = st.text_area("Narrative", key=TEXT, height=220, max_chars=MAX_CHARS)
if not text or not text.strip():
    st.info("Paste a narrative above to see the phrases that suggest facts.", icon="ℹ️")
    st.stop()

found = highlight(text, include_negated=True)
proposals = [s for s in found if not s.negated]
set_aside = [s for s in found if s.negated]

st.header("Highlighted phrases")
with st.container(border=True):
    st.markdown(highlighted(text, proposals))
st.caption(
    "Marked phrases are numbered; each number is listed with the fact it suggests below. A phrase "
    "after a negation or a hedge (\"did not\", \"it is not known whether\") is not proposed. Harm "
    "someone promises (\"if you leave, I will hurt you\") is proposed as a threat, harm the person "
    "only feared is not, and a relative's agreement is never proposed as the person's consent."
)

st.header("Proposed facts: tick the ones that are right")
by_fact = proposed_facts(proposals)
confirmed: list[str] = []
if not by_fact:
    st.markdown("No phrase in this narrative suggests a fact. You can still answer every question in the walkthrough.")
current_group = None
for fact_id, items in by_fact.items():
    group = group_of(fact_id)
    if group != current_group:
        st.subheader(GROUP_TITLES.get(group, group.title()))
        current_group = group
    info = vocabulary().fact(fact_id)
    if st.checkbox(f"{info.label}: yes", key=f"nar.ok.{fact_id}", help=info.question):
        confirmed.append(fact_id)
    quotes = ", ".join(f"“{esc(s.text)}” \\[{proposals.index(s) + 1}\\]" for s in items)
    st.caption(f"{esc(info.question)} Suggested by: {quotes}")

age = propose_age(text)
ages = age_candidates(text)
st.subheader("The person's age")
age_ok = False
if age is not None:
    source = next(a for a in ages if a.age == age and not a.reported)
    age_ok = st.checkbox(f"Age {age} at the time", key="nar.age_ok", help="The age when the conduct happened, not today.")
    st.caption(f"Suggested by: “{esc(source.text)}”. Other ages in the text: "
               + (", ".join(f"{a.age} (“{esc(a.text)}”)" for a in ages if a is not source) or "none") + ".")
else:
    st.markdown("No age is proposed: the age stays unknown unless you give it in the walkthrough.")
    reported = [a for a in ages if a.reported]
    if reported:
        st.caption("Ages someone only said or claimed are not proposed: "
                   + ", ".join(f"{a.age} (“{esc(a.text)}”)" for a in reported) + ".")

if set_aside:
    with st.expander(f"Phrases seen but not proposed ({len(set_aside)})"):
        st.markdown("\n".join(
            f"- “{esc(s.text)}” would suggest *{esc(vocabulary().label(s.fact))}*, but follows “{esc(s.cue)}”."
            for s in set_aside
        ))

st.header("Into the walkthrough")
unconfirmed = [f for f in by_fact if f not in confirmed]
st.markdown(
    f"{len(confirmed)} fact(s) ticked will become answers (Yes). The {len(unconfirmed)} you did not tick "
    "go along as suggestions, shown beside their questions: they count only if you accept them there. "
    "Every other question stays unknown until you answer it."
)
st.caption("This replaces the answers you have now in the walkthrough.")
if st.button("Continue to the walkthrough", type="primary", key="nar.go"):
    phrases = {fact_id: [s.text for s in items] for fact_id, items in by_fact.items()}
    carry_over(text, confirmed, unconfirmed, age if age_ok else None, phrases)
