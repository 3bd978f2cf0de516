"""The typed boundary of Elements: what a scenario may state and what a result says.

Every input passes through these pydantic models before anything else sees it, so a
bad value is rejected at the door with the name of its field.
"""
from __future__ import annotations

import re
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .countries import countries
from .yamlfile import LongNumber
from .words import ROLES, Confidence, ElementRole, Outcome, Status, Value

__all__ = ["ROLES", "Person", "ExpectedFinding", "Scenario", "ElementFinding", "Step", "Caveat", "Contact",
           "Referral", "RelatedProvision", "Result"]


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Age at the time of the conduct. None means unknown, never "adult".
    age: Optional[StrictInt] = Field(default=None, ge=0, le=130)

    @field_validator("age", mode="before")
    @classmethod
    def _decimal_age(cls, value: Any) -> Any:
        # The reader keeps `020` as text (YAML 1.1 read it as 16, 1.2 as 20): say why it is refused.
        if isinstance(value, str) and re.fullmatch(r"[-+]?0[0-9]+", value):
            plain = value.lstrip("+-0") or "0"
            raise ValueError(f"must be a whole number without a leading zero ({plain}, not {value})"
                             if len(value) <= 12 else "must be a whole number without a leading zero")
        if isinstance(value, LongNumber):
            raise ValueError(f"must be from 0 to 130 (this number has {value.digits:,} digits)")
        return value


class ExpectedFinding(BaseModel):
    """What a training scenario expects under one framework (checked against the engine)."""

    model_config = ConfigDict(extra="forbid")

    outcome: Outcome
    elements: dict[ElementRole, Status] = Field(default_factory=dict)


class Scenario(BaseModel):
    """A scenario file of the contract, plus the optional teaching material of the library."""

    model_config = ConfigDict(extra="forbid")

    id: Optional[str] = None
    title: Optional[str] = None
    narrative: Optional[str] = None
    jurisdiction: Optional[str] = None  # an ISO 3166-1 alpha-2 code in use (rules/countries/iso3166-1.yaml)
    person: Person = Field(default_factory=Person)
    # fact id -> True / False / None; an omitted fact is unknown.
    facts: dict[str, Optional[StrictBool]] = Field(default_factory=dict)

    # Training-library material: shown, never evaluated.
    expected: dict[str, ExpectedFinding] = Field(default_factory=dict)
    teaching_notes: Optional[str] = None
    discussion_questions: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    # fact id -> the sentence of the narrative that states it, word for word: what an exercise
    # quotes back to a trainee for that fact. Only for facts the scenario states (true or false).
    evidence: dict[str, str] = Field(default_factory=dict)

    @field_validator("jurisdiction", mode="before")
    @classmethod
    def _country_code(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise ValueError("must be a two-letter ISO 3166-1 country code, such as US or GB")
        # Lower case is accepted, and the reserved codes people use (UK, EL) read as GB, GR.
        code = countries().code(value)
        if code is None:
            shown = value.strip() if len(value.strip()) <= 12 else value.strip()[:11] + "\u2026"
            raise ValueError(f"{shown} is not an ISO 3166-1 alpha-2 country code in use (such as US or GB)")
        return code

    @field_validator("person", mode="before")
    @classmethod
    def _null_person(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("facts", mode="before")
    @classmethod
    def _null_facts(cls, value: Any) -> Any:
        return {} if value is None else value

    @model_validator(mode="wrap")
    @classmethod
    def _evidence_quotes_the_narrative(cls, data: Any, handler: Any) -> "Scenario":
        scenario = handler(data)
        for fact_id, quote in scenario.evidence.items():
            problem = _evidence_problem(scenario, fact_id, quote)
            if problem:
                # Raised with its own location, so the message names evidence.<fact id>.
                raise ValidationError.from_exception_data(cls.__name__, [InitErrorDetails(
                    type=PydanticCustomError("evidence", problem), loc=("evidence", fact_id), input=quote)])
        return scenario


def _evidence_problem(scenario: Scenario, fact_id: str, quote: str) -> Optional[str]:
    if scenario.facts.get(fact_id) is None:
        stated = "leaves unknown" if fact_id in scenario.facts else "does not state"
        return f"is for a fact the scenario {stated} (evidence is only for facts stated true or false)"
    if not quote.strip():
        return "is empty (quote the sentence of the narrative that states the fact)"
    if quote not in (scenario.narrative or ""):
        return "is not in the narrative word for word (quote the sentence as the narrative has it)"
    return None


class ElementFinding(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    status: Status
    # The facts the element rests on (its rule's, and those of the rules it names), when met.
    satisfied_by: list[str] = Field(default_factory=list)
    # The facts the element's own rule relied on as true: its satisfied_by, and for an element
    # not required (waived) what its rule found all the same (an exercise grades with it).
    relied_on: list[str] = Field(default_factory=list)
    citation: str
    rule: str
    label: str
    url: str = ""  # the provision's official text
    confidence: Confidence = "verified"  # how its wording was read


class Step(BaseModel):
    """One rule firing of the engine: the explanation is made of these and nothing else."""

    model_config = ConfigDict(frozen=True)  # shared between results with the same firing

    rule: str
    citation: str
    because: list[str]
    text: str
    value: Value
    depends_on: list[str] = Field(default_factory=list)
    label: str = ""  # the rule's name for a person (the id stays in `rule`)
    url: str = ""
    confidence: Confidence = "verified"


class RelatedProvision(BaseModel):
    """An offence of its own that the described facts come near, shown beside the elements."""

    model_config = ConfigDict(frozen=True)

    rule: str
    citation: str
    text: str  # the provision, as the pack quotes it
    reason: str  # why it is pointed to (the rule's own words)
    url: str
    confidence: Confidence


class Caveat(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    id: str
    text: str
    sources: list[str] = Field(default_factory=list)


class Contact(BaseModel):
    """One way to reach a service. Only contacts our sources confirm (read on an official or
    the operator's own page, or on a secondary page) ever reach a Result."""

    model_config = ConfigDict(frozen=True)  # shared between results

    type: str  # phone, text, tty, whatsapp, chat, web, email
    value: str  # as written by the source
    # The digits a person keys on a phone ("08000121700"; "+" kept where the source wrote it);
    # empty for web, chat and email.
    dial: str = ""
    extension: str = ""
    # What a link opens: tel:, sms:, mailto: or https:; empty where no link fits.
    href: str = ""
    note: str = ""
    confidence: Literal["verified", "secondary"] = "verified"


class Referral(BaseModel):
    """A service to contact, or one of Elements' own notices (kind "notice")."""

    model_config = ConfigDict(frozen=True)  # shared between results

    # The contract's three fields: `contact` sums up how to reach it in one line.
    name: str
    contact: str
    source: str
    id: str  # the service's id in rules/referrals.yaml; "elements." ids for Elements' own notices
    kind: str  # emergency, hotline, report, support, network, notice
    contacts: list[Contact]
    hours: str = ""
    languages: str = ""
    note: str = ""
    # Who runs it: an operator kind (police, immigration, ngo, ...), the body by name, and both
    # in plain words after "Run by" ("the police: An Garda Síochána"). Empty only on notices.
    operator: str = ""
    run_by: str = ""
    who_answers: str = ""
    # Shown beside every number: set where a police, immigration or law-enforcement body
    # answers, or where what a caller says goes on to one.
    alert: str = ""
    serves: str = ""
    # What a user must know before relying on it: a secondary source, sources that disagree,
    # a service that may have closed, a number left out because it is not confirmed.
    cautions: list[str] = Field(default_factory=list)
    checked: str
    confidence: Confidence  # the service's mark: verified or secondary (an unconfirmed one never gets here)


class Result(BaseModel):
    framework: str
    framework_title: str
    outcome: Outcome
    summary: str
    elements: dict[str, ElementFinding]
    child: Optional[bool]
    # The age under which this framework counts a person a child (its pack's child rule).
    child_line: Optional[int] = None
    explanation: list[Step]
    open_questions: list[str]
    what_would_change: list[str]
    caveats: list[Caveat]
    referrals: list[Referral]
    related: list[RelatedProvision] = Field(default_factory=list)

    def step(self, rule: str) -> Optional[Step]:
        """The explanation step of a rule (by its full id, 'palermo.action'), if it fired."""
        return next((s for s in self.explanation if s.rule == rule), None)

    def element_step(self, role: str) -> Optional[Step]:
        """The step that decided an element: its rule's, or the waiver's when not required."""
        return self.step(self.elements[role].rule)
