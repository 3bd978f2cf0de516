"""The walkthrough's inputs, each bound to the draft (state.py) rather than to its own value.

Every widget starts from the draft and writes back through on_change, so a widget that
disappears (another step, another page) loses nothing. Nothing is pre-selected: a question
not answered shows no choice, "Not sure" shows as chosen, and both stay unknown to the engine.
Labels and help come from rules/vocabulary.yaml, the "why" line from the pack's rules.
"""
from __future__ import annotations

from typing import Optional

import streamlit as st

import countries
import state
from elements import api
from elements.api import interview
from elements.words import ANSWER_WORDS
from safe import md_escape_inline as esc

OPTIONS = ("yes", "no", "unsure")
OPTION_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}
OPTION_VALUES = {"yes": True, "no": False, "unsure": None}  # "Not sure" is unknown, never "No"


def _option(value: Optional[bool]) -> str:
    return "yes" if value is True else "no" if value is False else "unsure"


def _bound(key: str, store) -> dict:
    """The widget arguments that write its new value into the draft."""
    return {"key": state.WIDGET + key, "on_change": lambda: store(st.session_state[state.WIDGET + key])}


def fact_question(info, framework: str) -> None:
    """One fact: Yes / No / Not sure, its help, its example and why it is asked."""
    draft = state.draft()
    answered = info.id in draft.answers
    # Labels are the vocabulary's own words, unescaped: the browser also reads them out as
    # the input's accessible name, where a Markdown escape would be heard as "backslash".
    st.radio(info.question, OPTIONS, horizontal=True, format_func=OPTION_WORDS.get,
             index=OPTIONS.index(_option(draft.answers[info.id])) if answered else None,
             **_bound(info.id, lambda option: state.draft().answer(info.id, OPTION_VALUES[option])))
    st.caption(f"{esc(info.help)} *Example:* {esc(info.example)}  \n"
               f"*Why this is asked:* {esc(interview.why_asked(framework, info.id))}")
    by = suggested_by(draft.phrases.get(info.id, []))
    if info.id in draft.proposals and not answered:
        words = ANSWER_WORDS[draft.proposals[info.id]]
        st.info(f"Suggested answer: **{words}**{', ' + by if by else ''}. It does not count until you choose "
                "an answer above or accept the suggestion.", icon="💡")
        st.button(f"Accept the suggestion ({words}) for: {info.label}", key=f"accept.{info.id}",
                  on_click=state.accept, args=(info.id,))
    elif by:
        st.caption(f"From the narrative: {by}.")


def suggested_by(phrases: list[str]) -> str:
    """"suggested by: 'took her passport', 'kept her papers'" (escaped), or "" for none."""
    return "suggested by: " + ", ".join(f"'{esc(p)}'" for p in phrases) if phrases else ""


def _store_age_known(option: str) -> None:
    state.draft().age_known = option == "known"


def _store_age(value) -> None:
    draft = state.draft()
    draft.age, draft.age_known = (None if value is None else int(value)), True


def age_question(framework: str) -> None:
    """The age at the time of the conduct, or "Not sure" (unknown, never assumed adult)."""
    draft, age = state.draft(), api.vocabulary().age
    known = draft.age_known
    st.radio("Do you know how old the person was at the time?", ("known", "unsure"), horizontal=True,
             index=None if known is None else 0 if known else 1,
             format_func={"known": "Yes, I know the age", "unsure": "Not sure"}.get,
             **_bound("age_known", _store_age_known))
    if known:
        st.number_input(age.question + " (years)", min_value=0, max_value=130, step=1, value=draft.age,
                        placeholder="Age in whole years", **_bound("age", _store_age))
    st.caption(f"{esc(age.help)} *Example:* {esc(age.example)}  \n"
               f"*Why this is asked:* {esc(interview.why_age(framework))}")


def _store_country(code: Optional[str]) -> None:
    state.draft().country = code


def country_question() -> None:
    current = state.draft().country
    options = countries.choices(current)
    st.selectbox("Country (used only to list where to get help)", options, index=options.index(current),
                 format_func=countries.name, **_bound("jurisdiction", _store_country))
    st.caption("The country chooses the hotlines and the emergency number shown. It does not change "
               "which legal framework is explained: choose that separately.")


def _store_framework(framework: str) -> None:
    state.draft().framework = framework


def framework_choice(label: str = "Legal framework to explain") -> str:
    ids = api.framework_ids()
    draft = state.draft()
    current = draft.framework if draft.framework in ids else api.default_framework()
    st.selectbox(label, ids, index=ids.index(current), format_func=lambda fw: api.get_pack(fw).short_title,
                 **_bound("framework", _store_framework))
    return current
