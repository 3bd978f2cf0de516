"""Exercise: a trainee reads a narrative, marks each element and the facts they see, then
compares with the engine's findings.

Scoring and feedback come from elements.exercise; this page only lays them out. The results of
a session live in this browser session's memory and nowhere else: no account, nothing written
on the server. The trainee can download them as CSV, and the quick exit forgets them.
"""
from __future__ import annotations

import hashlib

import streamlit as st

import display
import library
from elements import api
from elements.api import (
    MARK_WORDS,
    MARKS,
    TRAINEE_MAX,
    ElementAnswer,
    Feedback,
    fact_choices,
    grade,
    record,
    summarize,
    to_csv,
)
from elements.words import ROLES, STATUS_WORDS
from safe import md_escape, md_escape_inline as esc

RESULTS = "ex.results"  # list of Feedback dumps, this session only: one per trainee, scenario, framework
CURRENT = "ex.current"  # scenario id | framework | the scenario's version -> the last Feedback for it
TRAINEE = "ex.trainee"  # the name typed, optional: it goes into the session's table and the CSV only
NAME = "ex.name"  # the same name, kept while the trainee visits other pages (a widget forgets it)


def label(fact_id: str) -> str:
    return api.vocabulary().label(fact_id)


def labels(ids: list[str]) -> str:
    return ", ".join(esc(label(i)) for i in ids) if ids else "none"


def results() -> list[Feedback]:
    return [Feedback.model_validate(r) for r in st.session_state.get(RESULTS, [])]


VERDICT_SYMBOLS = {"found": "✔", "also_there": "\\+", "missed": "✘", "not_relied_on": "✘", "stated_false": "✘",
                   "not_stated": "✘"}


def waiver_provisions(framework: str, role: str) -> list:
    """The provisions that waive an element (a child's means, Art. 3(c)), to quote verbatim."""
    return [p for p in api.get_pack(framework).provisions if any(r.waives == role for r in p.rules)]


def fact_lines(e) -> str:
    """Each fact of the answer and of the engine's: what it turned out to be, and the
    narrative's sentence for it where the scenario gives one."""
    out = []
    for note in e.facts:
        quote = f" The narrative: “{esc(note.quote)}”" if note.quote else ""
        out.append(f"- {VERDICT_SYMBOLS[note.verdict]} **{esc(note.label)}**: {esc(note.text)}.{quote}")
    return "\n".join(out)


def feedback_view(fb: Feedback, scenario) -> None:
    st.header("The engine's findings, and yours")
    st.info(
        f"**Outcome under {esc(fb.framework_title)}: {display.outcome_words(fb.outcome)}.** {esc(fb.summary)}",
        icon="ℹ️",
    )
    who = f" ({esc(fb.trainee)})" if fb.trainee else ""
    st.markdown(
        f"**Your score: {fb.score:.0%}**{who} (elements marked as the engine finds them: "
        f"{fb.element_points} of 3; facts: {fb.fact_points:.1f} of 3)."
    )
    for role in ROLES:
        e = fb.elements[role]
        symbol = "✔" if e.correct else "✘"
        with st.container(border=True, key=f"ex.fb.{role}"):
            mark = MARK_WORDS[e.mark] if e.mark else "not marked"
            st.markdown(
                f"**{esc(e.label)}** — {symbol} you: *{esc(mark)}*; engine: "
                f"**{display.status_words(e.status)}**"
            )
            st.markdown(esc(e.message))
            said = "" if e.explanation and e.explanation in e.message else f" {esc(e.explanation)}"  # not twice
            st.markdown(f"Provision: **{esc(e.citation)}**.{said}")
            if e.status == "not_required":  # the rule a trainee most often gets wrong: the law's own words
                for item in waiver_provisions(fb.framework, role):
                    display.provision(item)
            if e.facts_message:
                st.markdown(esc(e.facts_message))
            if e.facts:
                st.markdown(fact_lines(e))
            else:
                st.markdown("No facts picked, and none the engine relied on.")
    if fb.caveats:
        st.subheader("Caveats")
        display.caveats(fb.caveats)
    if scenario.teaching_notes:
        with st.expander("Teaching notes"):
            st.markdown(md_escape(scenario.teaching_notes))
    if scenario.discussion_questions:
        st.markdown("**To discuss**\n" + "\n".join(f"- {esc(q)}" for q in scenario.discussion_questions))
    if scenario.sources:
        st.caption("Sources: " + "; ".join(esc(s) for s in scenario.sources))


def session_summary() -> None:
    done = results()
    st.header("This session")
    if not done:
        st.markdown("No exercise checked yet. Your results will be listed here, for this session only.")
        return
    summary = summarize(done)
    lines = ["| # | Trainee | Time (UTC) | Scenario | Framework | Elements right | Score |",
             "|---|---|---|---|---|---|---|"]
    for number, fb in enumerate(done, 1):
        lines.append(f"| {number} | {esc(fb.trainee) or '—'} | {fb.time:%H:%M:%S} | {esc(fb.title)} | "
                     f"{esc(fb.framework_title)} | {fb.element_points} of 3 | {fb.score:.0%} |")
    st.markdown("\n".join(lines))
    per_role = "; ".join(
        f"{role}: {summary.elements_correct[role]} of {summary.attempts}" for role in ROLES
    )
    hardest = f" The element you missed most often: **{summary.hardest}**." if summary.hardest else ""
    st.markdown(
        f"Average score **{summary.mean_score:.0%}** over {summary.attempts} exercise(s). "
        f"Elements marked as the engine finds them: {per_role}. Facts found {summary.facts_found}, "
        f"missed {summary.facts_missed}, also there {summary.facts_also_there}, "
        f"extra {summary.facts_extra}.{hardest}"
    )
    st.download_button(
        "Download my results (CSV)",
        data=to_csv(done),
        file_name="elements-exercise-results.csv",
        mime="text/csv",
        key="ex.csv",
    )
    st.caption("The file is made in your browser session from your results; nothing is kept on the server.")
    if st.button("Clear my results", key="ex.clear"):
        st.session_state[RESULTS] = []
        st.session_state[CURRENT] = {}
        st.rerun()


st.title("Exercise")
st.markdown(
    "Read the narrative, then decide for each element whether the facts given meet it, do not "
    "meet it, or leave it open (*can't tell*), and pick the facts you see. Then check your "
    "answers against the engine's findings under the framework you chose. This is practice in "
    "reading a definition: it decides nothing about anyone. No account is needed and nothing is "
    "stored on the server."
)
st.session_state.setdefault(RESULTS, [])
st.session_state.setdefault(CURRENT, {})

left, right = st.columns([3, 2])
with left:
    entry = library.picker("Scenario", "ex.scenario")
fw = right.selectbox("Framework", api.framework_ids(), format_func=lambda f: api.get_pack(f).short_title,
                     key="ex.framework")
scenario = entry.scenario
sid = scenario.id or entry.path.stem
# A scenario written again in this session keeps its id: feedback on the earlier version is not shown for it.
shown_as = f"{sid}|{fw}|{hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]}"
pack = api.get_pack(fw)

with st.container(border=True, key="ex.narrative"):
    st.markdown(f"**{esc(scenario.title or sid)}**")
    st.markdown(md_escape(scenario.narrative))

st.text_input("Your name (optional: it goes into this session's table and your CSV only)", key=TRAINEE,
              max_chars=TRAINEE_MAX, value=st.session_state.get(NAME, ""),
              on_change=lambda: st.session_state.__setitem__(NAME, st.session_state[TRAINEE]))

with st.form(f"ex.form.{sid}.{fw}"):
    st.markdown(f"**Your reading, under {esc(pack.short_title)}**")
    for role in ROLES:
        rule = pack.role_rule(role)
        options = [m for m in MARKS if m != "not_required" or pack.waiver_of(role) is not None]
        st.radio(
            f"{rule.label or role.title()}: is this element met?",
            options,
            index=None,
            format_func=MARK_WORDS.get,
            horizontal=True,
            key=f"ex.mark.{sid}.{fw}.{role}",
        )
        st.multiselect(
            f"Facts you see for the {(rule.label or role).lower()} element",
            fact_choices(fw, role),
            format_func=label,
            key=f"ex.facts.{sid}.{fw}.{role}",
        )
    submitted = st.form_submit_button("Check my answers", type="primary")

if submitted:
    answers = {
        role: ElementAnswer(
            mark=st.session_state.get(f"ex.mark.{sid}.{fw}.{role}"),
            facts=list(st.session_state.get(f"ex.facts.{sid}.{fw}.{role}") or []),
        )
        for role in ROLES
    }
    fb = grade(scenario, fw, answers, trainee=st.session_state.get(TRAINEE) or "")
    st.session_state[RESULTS] = [r.model_dump(mode="json") for r in record(results(), fb)]
    st.session_state[CURRENT] = {**st.session_state[CURRENT], shown_as: fb.model_dump(mode="json")}

current = st.session_state[CURRENT].get(shown_as)
if current:
    feedback_view(Feedback.model_validate(current), scenario)
st.caption(
    "Marks: *met*, *not met*, *can't tell* (the facts given leave it open: an unknown is not a "
    f"'no'), and *not required* where the framework can waive an element. Engine statuses: "
    f"{', '.join(STATUS_WORDS.values())}."
)
session_summary()
