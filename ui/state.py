"""What the user has entered, kept in session state of our own.

Streamlit forgets the value of a widget that is not shown in a run, so the walkthrough
cannot keep answers in its widgets: going back a step would lose them. Everything the
user enters lives here instead, and every page (ours and the training pages) reads and
writes it through these functions only.

Nothing here is written to disk or sent anywhere: session state lives in the server's
memory for one browser session, and quick_exit.clear_session() empties it.

Three values for every fact: True, False, or absent (unknown). "Not sure" removes the
fact from the answers, so it can never be read as "no".
"""
from __future__ import annotations

from typing import Any, Optional

import streamlit as st

from elements import Scenario, validate_scenario

FACTS = "el.facts"  # fact id -> True / False; a fact not in it is unknown
AGE = "el.age"  # int or None (unknown)
AGE_KNOWN = "el.age_known"  # whether the user said they know the age
JURISDICTION = "el.jurisdiction"  # ISO alpha-2 or None
STEP = "el.step"  # index of the walkthrough step shown
FRAMEWORK = "el.framework"  # the framework the walkthrough and result explain
PROPOSED = "el.proposed"  # fact id -> True / False / None, suggested but not yet confirmed
PHRASES = "el.phrases"  # fact id -> the narrative phrases that suggested it (shown, never evaluated)
LOADED = "el.loaded"  # the loaded scenario's other fields: id, title, narrative, teaching material
INCLUDE_NARRATIVE = "el.include_narrative"  # the user's opt-in for narrative in exports

# Widget keys start with this, so a loaded scenario can drop every stale widget value.
WIDGET_PREFIX = "w."

# The scenario fields that are not answers: carried through unchanged from a loaded file.
_CARRIED = ("id", "title", "narrative", "expected", "teaching_notes", "discussion_questions", "sources", "tags")


def _init() -> None:
    defaults: dict[str, Any] = {
        FACTS: {},
        AGE: None,
        AGE_KNOWN: False,
        JURISDICTION: None,
        STEP: 0,
        FRAMEWORK: "palermo",
        PROPOSED: {},
        PHRASES: {},
        LOADED: {},
        INCLUDE_NARRATIVE: False,
    }
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


# ------------------------------------------------------------------ answers


def get_answer(fact_id: str) -> Optional[bool]:
    """True, False, or None for unknown (not answered, or "Not sure")."""
    _init()
    return st.session_state[FACTS].get(fact_id)


def set_answer(fact_id: str, value: Optional[bool]) -> None:
    """Record an answer; None ("Not sure") makes the fact unknown again. Confirms a proposal."""
    _init()
    facts = dict(st.session_state[FACTS])
    if value is None:
        facts.pop(fact_id, None)
    else:
        facts[fact_id] = bool(value)
    st.session_state[FACTS] = facts
    proposed = dict(st.session_state[PROPOSED])
    if proposed.pop(fact_id, "absent") != "absent":
        st.session_state[PROPOSED] = proposed


def answers() -> dict[str, bool]:
    """The answered facts (True / False); every other fact is unknown."""
    _init()
    return dict(st.session_state[FACTS])


def get_age() -> Optional[int]:
    _init()
    return st.session_state[AGE] if st.session_state[AGE_KNOWN] else None


def age_known() -> bool:
    _init()
    return bool(st.session_state[AGE_KNOWN])


def set_age(age: Optional[int], known: Optional[bool] = None) -> None:
    """Set the age; None means unknown. `known` defaults to whether an age was given."""
    _init()
    st.session_state[AGE] = age
    st.session_state[AGE_KNOWN] = (age is not None) if known is None else bool(known)


def set_age_known(known: bool) -> None:
    """Switching to "Not sure" makes the age unknown but keeps the number typed, so
    switching back restores it instead of making the user type it again."""
    _init()
    st.session_state[AGE_KNOWN] = bool(known)


def get_jurisdiction() -> Optional[str]:
    _init()
    return st.session_state[JURISDICTION]


def set_jurisdiction(code: Optional[str]) -> None:
    _init()
    st.session_state[JURISDICTION] = code.upper() if code else None


def get_framework() -> str:
    _init()
    return st.session_state[FRAMEWORK]


def set_framework(framework: str) -> None:
    _init()
    st.session_state[FRAMEWORK] = framework


def get_step() -> int:
    _init()
    return int(st.session_state[STEP])


def set_step(step: int) -> None:
    _init()
    st.session_state[STEP] = max(0, int(step))


def include_narrative() -> bool:
    _init()
    return bool(st.session_state[INCLUDE_NARRATIVE])


def set_include_narrative(include: bool) -> None:
    _init()
    st.session_state[INCLUDE_NARRATIVE] = bool(include)


# ------------------------------------------------------------------ proposed facts


def propose_facts(facts: dict[str, Optional[bool]]) -> None:
    """Suggest answers (e.g. read from a narrative) that the user must still confirm.

    A proposal is shown beside its question and does not count until the user answers
    the question or accepts it: nothing suggested reaches the engine on its own.
    """
    _init()
    proposed = dict(st.session_state[PROPOSED])
    for fact_id, value in facts.items():
        proposed[fact_id] = None if value is None else bool(value)
    st.session_state[PROPOSED] = proposed


def proposed_facts() -> dict[str, Optional[bool]]:
    _init()
    return dict(st.session_state[PROPOSED])


def accept_proposal(fact_id: str) -> None:
    """The user confirms a suggested answer: it becomes their answer."""
    value = proposed_facts().get(fact_id)
    set_answer(fact_id, value)
    _forget_widget(fact_id)


def set_suggesting_phrases(phrases: dict[str, list[str]]) -> None:
    """Remember, for each fact, the narrative phrases that suggested it, so that the
    walkthrough can show where a suggestion (or an answer accepted from one) came from."""
    _init()
    st.session_state[PHRASES] = {**st.session_state[PHRASES], **{k: list(v) for k, v in phrases.items()}}


def suggesting_phrases(fact_id: str) -> list[str]:
    _init()
    return list(st.session_state[PHRASES].get(fact_id, []))


def dismiss_proposal(fact_id: str) -> None:
    _init()
    proposed = dict(st.session_state[PROPOSED])
    proposed.pop(fact_id, None)
    st.session_state[PROPOSED] = proposed


def clear_proposals() -> None:
    _init()
    st.session_state[PROPOSED] = {}


# ------------------------------------------------------------------ narrative and loaded fields


def get_narrative() -> Optional[str]:
    _init()
    return st.session_state[LOADED].get("narrative")


def set_narrative(text: Optional[str]) -> None:
    """Keep a narrative to show beside the questions. It is never evaluated as law."""
    _init()
    loaded = dict(st.session_state[LOADED])
    if text:
        loaded["narrative"] = text
    else:
        loaded.pop("narrative", None)
    st.session_state[LOADED] = loaded


def loaded_fields() -> dict[str, Any]:
    """id, title, narrative and teaching material of the scenario last loaded."""
    _init()
    return dict(st.session_state[LOADED])


# ------------------------------------------------------------------ whole scenarios


def scenario_data() -> dict[str, Any]:
    """The answers as a scenario mapping of the contract (unknown facts omitted)."""
    _init()
    data: dict[str, Any] = {k: v for k, v in st.session_state[LOADED].items() if v not in (None, [], {})}
    data["person"] = {"age": get_age()}
    data["facts"] = answers()
    if get_jurisdiction():
        data["jurisdiction"] = get_jurisdiction()
    return data


def get_scenario() -> Scenario:
    """The user's answers as a validated Scenario, ready for elements.evaluate()."""
    return validate_scenario(scenario_data(), "answers")


def set_answers_from_scenario(scenario: Scenario) -> None:
    """Replace every answer with a scenario's (a loaded file, a library scenario)."""
    _init()
    st.session_state[FACTS] = {k: v for k, v in scenario.facts.items() if v is not None}
    set_age(scenario.person.age)
    set_jurisdiction(scenario.jurisdiction)
    st.session_state[LOADED] = {k: getattr(scenario, k) for k in _CARRIED if getattr(scenario, k)}
    st.session_state[PROPOSED] = {}
    st.session_state[PHRASES] = {}
    st.session_state[STEP] = 0
    _forget_widgets()


def reset_answers() -> None:
    """Start again with nothing answered (the framework choice is kept)."""
    _init()
    for key in (FACTS, PROPOSED, PHRASES, LOADED):
        st.session_state[key] = {}
    set_age(None)
    set_jurisdiction(None)
    st.session_state[STEP] = 0
    st.session_state[INCLUDE_NARRATIVE] = False
    _forget_widgets()


def _forget_widget(fact_id: str) -> None:
    st.session_state.pop(WIDGET_PREFIX + fact_id, None)


def _forget_widgets() -> None:
    """Drop widget values so every widget starts again from the answers above."""
    for key in [k for k in st.session_state if str(k).startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
