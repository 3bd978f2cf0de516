"""Walkthrough: the scenario, element by element, with a live checklist beside the steps.

The steps are the vocabulary's groups, in its order, then "Check your answers". Each step has
its own address (?step=means), so the browser's Back and Forward move between steps; the
answers live in the draft (state.py), so every way of moving keeps them. A step asks first what
can still change an element: once none of its remaining questions can, they fold away.
"""
from __future__ import annotations

import streamlit as st

import countries
import display
import nav
import questions
import state
from elements import api
from elements.api import interview
from elements.words import ANSWER_WORDS
from lawtext import provisions_for_age, provisions_for_facts
from safe import md_escape_inline as esc

vocab = api.vocabulary()
GROUPS = {group.id: group for group in vocab.groups}
CHECK = "check"
STEPS = [*GROUPS, CHECK]
TITLES = {**{g.id: g.title for g in vocab.groups}, CHECK: "Check your answers"}


def go(step: str) -> None:
    st.query_params["step"] = step  # a new address: the browser keeps it in its history


def law_wording(pack, provisions) -> None:
    """The provision's verbatim wording, on demand."""
    if provisions:
        with st.expander(f"What the law says: {pack.short_title}, {', '.join(p.citation for p in provisions)}"):
            for provision in provisions:
                display.provision(provision)


def ask(facts, framework: str) -> None:
    for info in facts:
        questions.fact_question(info, framework)


def group_intro(group, framework: str) -> None:
    """What a step says before its questions: the same whatever the answers."""
    pack = api.get_pack(framework)
    st.markdown(esc(group.intro))
    ids = None if group.id == "person" else [f.id for f in vocab.in_group(group.id)]
    law_wording(pack, provisions_for_age(pack) if ids is None else provisions_for_facts(pack, ids))


def group_questions(group, framework: str, scenario) -> None:
    if group.id == "person":
        questions.age_question(framework)
        questions.country_question()
        return
    facts = vocab.in_group(group.id)
    # The chosen framework's own terms first; the others' terms stay one click away.
    # Consent and movement are few and matter to the caveats under every framework.
    main = [f for f in facts if framework in api.frameworks_reading(f.id) or group.id == "context"]
    others = [f for f in facts if f not in main]
    folded = interview.fold(scenario, framework, group.id, [f.id for f in main]) if group.id != "context" else None
    needed = folded.needed if folded else len(main)
    ask(main[:needed], framework)
    if main[needed:]:
        # The label depends only on the answers before the fold, so answering inside keeps it.
        fold(f"{esc(folded.note)} ({len(main) - needed} more questions, open to answer them anyway)",
             f"fold.{group.id}", folded.reason, main[needed:], framework)
    if others:
        fold(f"More questions: terms other frameworks use ({len(others)})", f"others.{group.id}", "", others, framework)


def fold(label: str, key: str, reason: str, facts, framework: str) -> None:
    """Questions one click away: drawn only while open, so a step costs only what it shows."""
    with st.expander(label, key=key, on_change="rerun") as box:
        if box.open:
            if reason:
                st.markdown(esc(reason))
            ask(facts, framework)


def check_step(framework: str) -> None:
    draft = state.draft()
    st.markdown("Every question not answered, or answered **Not sure**, stays unknown: it is never read as No.")
    age = draft.known_age
    rows = [("Age at the time", "Not answered" if draft.age_known is None else "Not sure" if age is None else str(age),
             "person"), ("Country for help", countries.name(draft.country), "person")]
    rows += [(info.label, ANSWER_WORDS[draft.answers[info.id]], group)
             for group in STEPS[1:-1] for info in vocab.in_group(group) if info.id in draft.answers]
    for number, (label, value, step) in enumerate(rows):
        words, change = st.columns([3, 2], vertical_alignment="center")
        words.markdown(f"**{esc(label)}**: {esc(value)}")
        name = label if label[1:2].isupper() else label[0].lower() + label[1:]  # "ID documents" keeps its case
        change.button(f"Change {name}", key=f"change.{number}", type="tertiary", on_click=go, args=(step,))
    own = [f for f in vocab.facts if framework in api.frameworks_reading(f.id) or f.group == "context"]
    missing = sum(f.id not in draft.answers for f in own)
    st.markdown(f"{missing} of the {len(own)} questions {esc(api.get_pack(framework).short_title)} asks are not "
                "answered.")


def navigation(step: str) -> None:
    index = STEPS.index(step)
    back, forward, result = st.columns(3)
    back.button("← Back", on_click=go, args=(STEPS[index - 1],), disabled=index == 0, key="nav.back",
                use_container_width=True)
    if step != CHECK:
        forward.button(f"Next: {TITLES[STEPS[index + 1]]} →", on_click=go, args=(STEPS[index + 1],),
                       key="nav.next", type="primary", use_container_width=True)
    if result.button("See the result", key="nav.result", type="primary" if step == CHECK else "secondary",
                     use_container_width=True):
        nav.go("result")


@st.fragment
def live(step: str, framework: str, asking) -> None:
    """What an answer can change: the checklist's lines (here, in the checklist) and the step's
    questions (which fold, what is suggested), drawn into `asking`, the place the step keeps
    for them. An answer reruns only this, so the browser redraws a few elements, not the page.
    A new step, framework or draft reruns the whole page (those controls are outside)."""
    scenario = state.scenario_or_stop()
    display.element_checklist(api.evaluate(scenario, framework), scenario)
    if asking is not None:
        with asking:
            group_questions(GROUPS[step], framework, scenario)


step = st.query_params.get("step", STEPS[0])
step = step if step in STEPS else STEPS[0]
draft = state.draft()
st.title("Walkthrough", anchor=False)
st.progress((STEPS.index(step) + 1) / len(STEPS), text=f"Step {STEPS.index(step) + 1} of {len(STEPS)}: {TITLES[step]}")
if draft.loaded.title:
    st.caption("Scenario: " + esc(draft.loaded.title))

left, right = st.columns([3, 2], gap="large")
with right:
    box = st.container(border=True, key="checklist")
with box:
    framework = questions.framework_choice()
    st.subheader("Element checklist", anchor=False)
with left:
    display.narrative_block(draft.loaded.narrative)
    with st.container(key=f"step_{step}"):
        st.header(TITLES[step], anchor=False)
    asking = None
    if step != CHECK:
        group_intro(GROUPS[step], framework)
        asking = st.container()
with box:
    live(step, framework, asking)  # where the draft cannot be evaluated, it says why and the page stops
    st.caption("Updates as you answer. It explains the definition; it decides nothing about anyone.")
    st.button("Clear all answers and start again", key="nav.reset",
              on_click=lambda: state.replace(state.Draft(framework=state.draft().framework)))
with left:
    if step == CHECK:
        check_step(framework)
    navigation(step)
