"""Walkthrough: the scenario, element by element, with a live checklist beside the steps.

The steps are the vocabulary's groups, in its order, then a review. Answers live in
state.py, so Back and Next (and leaving the page) keep them.
"""
from __future__ import annotations

import streamlit as st

import countries
import display
import questions
import state
from elements import evaluate
from elements.errors import InputError
from elements.packs import framework_ids, frameworks_reading, get_pack
from elements.vocabulary import vocabulary
from lawtext import provisions_for_age, provisions_for_facts
from safe import md_escape_inline as esc

vocab = vocabulary()
GROUPS = list(vocab.groups)
REVIEW_TITLE = "Check your answers"
TITLES = [g.title for g in GROUPS] + [REVIEW_TITLE]
LAST = len(TITLES) - 1


def framework_name(fw: str) -> str:
    return get_pack(fw).short_title if fw in framework_ids() else fw.upper()


def law_wording(framework: str, provisions) -> None:
    """The provision's verbatim wording, on demand."""
    if not provisions:
        return
    pack = get_pack(framework)
    cites = ", ".join(p.citation for p in provisions)
    with st.expander(f"What the law says: {pack.short_title}, {cites}"):
        for provision in provisions:
            display.provision(provision)


def group_step(group, framework: str) -> None:
    st.markdown(esc(group.intro))
    if group.id == "person":
        law_wording(framework, provisions_for_age(get_pack(framework)))
        questions.age_question()
        questions.country_question()
        return
    facts = vocab.in_group(group.id)
    law_wording(framework, provisions_for_facts(get_pack(framework), [f.id for f in facts]))
    # The chosen framework's own terms first; the others' terms stay one click away.
    # Consent and movement are few and matter to the caveats under every framework.
    main = [f for f in facts if framework in frameworks_reading(f.id) or group.id == "context"]
    others = [f for f in facts if f not in main]
    for info in main:
        questions.fact_question(info)
    if others:
        with st.expander(f"More questions: terms other frameworks use ({len(others)})"):
            for info in others:
                questions.fact_question(info)
                st.caption("Named by: " + esc(", ".join(framework_name(fw) for fw in frameworks_reading(info.id))))


def review_step() -> None:
    st.markdown("Your answers so far. Anything not listed is **Not sure**, and stays unknown.")
    age = state.get_age()
    rows = [
        f"- **Age at the time**: {age if age is not None else 'Not sure (unknown)'}",
        f"- **Country for help**: {esc(countries.name(state.get_jurisdiction()))}",
    ]
    answered = state.answers()
    for group in GROUPS[1:]:
        items = [f for f in vocab.in_group(group.id) if f.id in answered]
        for info in items:
            rows.append(f"- **{esc(group.title)}**, {esc(info.label)}: {questions.VALUE_WORDS[answered[info.id]]}")
    st.markdown("\n".join(rows))
    if not answered:
        st.markdown("You have not answered any fact yet: every element will show as unknown.")


def go(step: int) -> None:
    state.set_step(step)


def navigation(step: int) -> None:
    back, forward, result = st.columns(3)
    back.button("← Back", on_click=go, args=(step - 1,), disabled=step == 0, key="nav.back", use_container_width=True)
    if step < LAST:
        forward.button(
            f"Next: {TITLES[step + 1]} →", on_click=go, args=(step + 1,), key="nav.next", type="primary",
            use_container_width=True,
        )
    if result.button("See the result", key="nav.result", type="primary" if step == LAST else "secondary",
                     use_container_width=True):
        st.switch_page("views/result.py")


def checklist(framework: str) -> None:
    st.subheader("Element checklist")
    try:
        scenario = state.get_scenario()
    except InputError as exc:
        st.error(esc(exc.line()))
        return
    display.element_checklist(evaluate(scenario, framework), scenario)
    st.caption("Updates as you answer. It explains the definition; it decides nothing about anyone.")


st.title("Walkthrough")
step = min(state.get_step(), LAST)
st.progress((step + 1) / len(TITLES), text=f"Step {step + 1} of {len(TITLES)}: {TITLES[step]}")
loaded = state.loaded_fields()
if loaded.get("title"):
    st.caption("Scenario: " + esc(loaded["title"]))

left, right = st.columns([3, 2], gap="large")
with right:
    with st.container(border=True, key="checklist"):
        framework = questions.framework_choice()
        checklist(framework)
    st.button("Clear all answers and start again", key="nav.reset", on_click=state.reset_answers)
with left:
    display.narrative_block(state.get_narrative())
    st.header(TITLES[step])
    if step < len(GROUPS):
        group_step(GROUPS[step], framework)
    else:
        review_step()
    navigation(step)
