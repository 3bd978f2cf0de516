"""What the person has entered: one Draft, under one key of st.session_state.

Streamlit forgets a widget's value in a run that does not draw it, so the answers cannot live
in the walkthrough's widgets: a step not shown would lose them. Each widget (keyed WIDGET +
its name) starts from the draft and writes back to it when changed; the draft is the one copy.
It lives in the server's memory for one browser session, is never written to disk, and the
quick exit drops it.
"""
from __future__ import annotations

from typing import Optional

import streamlit as st
from pydantic import BaseModel, Field

from elements import api
from elements.model import Person, Scenario
from safe import md_escape_inline

KEY = "draft"
WIDGET = "w."  # the keys of the widgets bound to the draft start with this


class Draft(BaseModel):
    # fact id -> True, False or None ("Not sure"). A fact not in it has no answer yet. Both are
    # unknown to the engine; the person sees which is which.
    answers: dict[str, Optional[bool]] = Field(default_factory=dict)
    age: Optional[int] = Field(default=None, ge=0, le=130)
    # None: not answered; False: "Not sure" (the age typed is kept for switching back).
    age_known: Optional[bool] = None
    country: Optional[str] = None
    framework: str = Field(default_factory=api.default_framework)
    # Suggested answers (from a narrative, say): each counts only once the person accepts it
    # or answers the question.
    proposals: dict[str, Optional[bool]] = Field(default_factory=dict)
    # fact id -> the narrative's phrases that suggested it: shown beside the question, also once
    # it is answered, and never evaluated.
    phrases: dict[str, list[str]] = Field(default_factory=dict)
    # A loaded scenario's own fields (title, narrative, teaching material): carried, never asked.
    loaded: Scenario = Field(default_factory=Scenario)
    # A loaded scenario's sentence of the narrative for each fact: kept apart from `loaded`, since
    # a sentence is only valid for a fact that is stated, and the person may change the answer.
    evidence: dict[str, str] = Field(default_factory=dict)
    include_narrative: bool = False

    def answer(self, fact_id: str, value: Optional[bool]) -> None:
        """Record an answer (None for "Not sure"); it replaces any suggestion for the fact."""
        self.answers[fact_id] = value
        self.proposals.pop(fact_id, None)

    def propose(self, fact_id: str, value: Optional[bool] = True) -> None:
        self.proposals[fact_id] = value

    @property
    def known_age(self) -> Optional[int]:
        return self.age if self.age_known else None

    def scenario(self) -> Scenario:
        """The answers as a validated Scenario of the contract ("Not sure" as null), or InputError."""
        data = self.loaded.model_dump(exclude_defaults=True, exclude={"facts", "person", "jurisdiction", "evidence"})
        data.update(person={"age": self.known_age}, facts=dict(self.answers), jurisdiction=self.country,
                    evidence={f: q for f, q in self.evidence.items() if self.answers.get(f) is not None})
        return api.validate_scenario(data, "answers")

    @classmethod
    def of(cls, scenario: Scenario, framework: Optional[str] = None) -> "Draft":
        """A scenario's answers (a file's null reads as "Not sure"); the framework choice is kept."""
        carried = scenario.model_copy(update={"facts": {}, "person": Person(), "jurisdiction": None, "evidence": {}})
        return cls(answers=dict(scenario.facts), age=scenario.person.age, evidence=dict(scenario.evidence),
                   age_known=True if scenario.person.age is not None else None,
                   country=scenario.jurisdiction, loaded=carried,
                   **({"framework": framework} if framework else {}))


def draft() -> Draft:
    if KEY not in st.session_state:
        st.session_state[KEY] = Draft()
    return st.session_state[KEY]


def replace(new: Draft) -> None:
    """Start from another draft (a loaded scenario, a narrative, a fresh start): every bound
    widget is dropped, so each starts again from the new answers."""
    st.session_state[KEY] = new
    for key in [k for k in st.session_state if str(k).startswith(WIDGET)]:
        del st.session_state[key]


def scenario_or_stop() -> Scenario:
    """The draft as a Scenario; where it cannot be evaluated, the page says why and stops."""
    try:
        return draft().scenario()
    except api.InputError as exc:
        st.error("These answers cannot be evaluated: " + md_escape_inline(exc.line()))
        st.stop()


def accept(fact_id: str) -> None:
    """The person takes a suggested answer as theirs."""
    current = draft()
    current.answer(fact_id, current.proposals[fact_id])
    st.session_state.pop(WIDGET + fact_id, None)  # the question shows the answer now


# ---------------------------------------------------------------- the trainer's own scenarios

OWN = "own_scenarios"  # the scenarios a trainer wrote or uploaded: this session only, beside the draft


def own_scenarios() -> list[Scenario]:
    """The session's own scenarios, in the order they came. Kept apart from the draft, which
    loading a scenario into the walkthrough replaces; in memory only, and the quick exit drops
    them with everything else."""
    return list(st.session_state.get(OWN, []))


def add_own(scenarios: list[Scenario]) -> list[str]:
    """Add scenarios to the session's own; one with the id of one already there replaces it
    (a scenario written again, a file uploaded again). Returns the titles it replaced."""
    current = own_scenarios()
    replaced = []
    for scenario in scenarios:
        same = next((i for i, s in enumerate(current) if (s.id or "").casefold() == (scenario.id or "").casefold()), None)
        if same is None:
            current.append(scenario)
        else:
            replaced.append(current[same].title or current[same].id or "")
            current[same] = scenario
    st.session_state[OWN] = current
    return replaced


def clear_own() -> None:
    st.session_state[OWN] = []
