"""The walkthrough's inputs, each bound to state.py rather than to its own widget value.

Every widget starts from the stored answer and writes back through on_change, so a
widget that disappears (another step, another page) loses nothing. Labels come from
rules/vocabulary.yaml, and every input has a visible label.
"""
from __future__ import annotations

from typing import Optional

import streamlit as st

import countries
import state
from elements.packs import framework_ids, get_pack
from elements.vocabulary import FactInfo, vocabulary
from safe import md_escape_inline as esc

OPTIONS = ("yes", "no", "unsure")
OPTION_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
# "Not sure" is unknown (None), never False.
OPTION_VALUES = {"yes": True, "no": False, "unsure": None}
VALUE_WORDS = {True: "Yes", False: "No", None: "Not sure"}

AGE_KEY = state.WIDGET_PREFIX + "age"
AGE_KNOWN_KEY = state.WIDGET_PREFIX + "age_known"
COUNTRY_KEY = state.WIDGET_PREFIX + "jurisdiction"
FRAMEWORK_KEY = state.WIDGET_PREFIX + "framework"


def _option_of(value: Optional[bool]) -> str:
    return "yes" if value is True else "no" if value is False else "unsure"


def _store_fact(fact_id: str) -> None:
    state.set_answer(fact_id, OPTION_VALUES[st.session_state[state.WIDGET_PREFIX + fact_id]])


def fact_question(info: FactInfo) -> None:
    """One fact: Yes / No / Not sure, its help text and its example."""
    key = state.WIDGET_PREFIX + info.id
    # Labels are the vocabulary's own words, unescaped: the browser also reads them out as
    # the input's accessible name, where a Markdown escape would be heard as "backslash".
    st.radio(
        info.question,
        OPTIONS,
        index=OPTIONS.index(_option_of(state.get_answer(info.id))),
        format_func=OPTION_WORDS.get,
        key=key,
        horizontal=True,
        on_change=_store_fact,
        args=(info.id,),
    )
    st.caption(f"{esc(info.help)}  \n*Example:* {esc(info.example)}")
    proposed = state.proposed_facts()
    phrases = suggested_by(info.id)
    if info.id in proposed and state.get_answer(info.id) is None:
        suggestion = VALUE_WORDS[proposed[info.id]]
        st.info(
            f"Suggested answer: **{suggestion}**{', ' + phrases if phrases else ''}. It does not "
            "count until you choose an answer above or accept the suggestion.",
            icon="💡",
        )
        st.button(
            f"Accept the suggestion ({suggestion}) for: {info.label}",
            key=f"accept.{info.id}",
            on_click=state.accept_proposal,
            args=(info.id,),
        )
    elif phrases:
        st.caption(f"From the narrative: {phrases}.")


def suggested_by(fact_id: str) -> str:
    """"suggested by: 'took her passport', 'kept her papers'" (escaped), or "" for none."""
    quoted = ", ".join(f"'{esc(p)}'" for p in state.suggesting_phrases(fact_id))
    return f"suggested by: {quoted}" if quoted else ""


def _store_age_known() -> None:
    state.set_age_known(st.session_state[AGE_KNOWN_KEY] == "known")


def _store_age() -> None:
    value = st.session_state[AGE_KEY]
    state.set_age(None if value is None else int(value), known=True)


def age_question() -> None:
    """The age at the time of the conduct, or "Not sure" (unknown, never assumed adult)."""
    vocab = vocabulary()
    st.radio(
        "Do you know how old the person was at the time?",
        ("known", "unsure"),
        index=0 if state.age_known() else 1,
        format_func={"known": "Yes, I know the age", "unsure": "Not sure"}.get,
        key=AGE_KNOWN_KEY,
        horizontal=True,
        on_change=_store_age_known,
    )
    if state.age_known():
        st.number_input(
            vocab.age.question + " (years)",
            min_value=0,
            max_value=130,
            step=1,
            value=state.get_age(),
            placeholder="Age in whole years",
            key=AGE_KEY,
            on_change=_store_age,
        )
    st.caption(f"{esc(vocab.age.help)}  \n*Example:* {esc(vocab.age.example)}")


def _store_country() -> None:
    state.set_jurisdiction(st.session_state[COUNTRY_KEY])


def country_question() -> None:
    current = state.get_jurisdiction()
    options = countries.choices(current)
    st.selectbox(
        "Country (used only to list where to get help)",
        options,
        index=options.index(current),
        format_func=countries.name,
        key=COUNTRY_KEY,
        on_change=_store_country,
    )
    st.caption(
        "The country chooses the hotlines and the emergency number shown with the result. "
        "It does not change which legal framework is explained: choose that separately."
    )


def _store_framework() -> None:
    state.set_framework(st.session_state[FRAMEWORK_KEY])


def framework_choice(label: str = "Legal framework to explain") -> str:
    ids = framework_ids()
    current = state.get_framework() if state.get_framework() in ids else ids[0]
    st.selectbox(
        label,
        ids,
        index=ids.index(current),
        format_func=lambda fw: get_pack(fw).short_title,
        key=FRAMEWORK_KEY,
        on_change=_store_framework,
    )
    return current
