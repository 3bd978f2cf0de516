"""The typed boundary of Elements: what a scenario may state and what a result says.

Every input passes through these pydantic models before anything else sees it, so a
bad value is rejected at the door with the name of its field.
"""
from __future__ import annotations

import re
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator

from .countries import countries
from .yamlfile import LongNumber

Status = Literal["met", "not_met", "unknown", "not_required"]
Outcome = Literal["all_elements_met", "not_all_elements_met", "undetermined"]
ROLES = ("action", "means", "purpose")


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
    elements: dict[Literal["action", "means", "purpose"], Status] = Field(default_factory=dict)


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


class ElementFinding(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    status: Status
    satisfied_by: list[str] = Field(default_factory=list)
    citation: str
    rule: str
    label: str


class Step(BaseModel):
    """One rule firing of the engine: the explanation is made of these and nothing else."""

    model_config = ConfigDict(frozen=True)  # shared between results with the same firing

    rule: str
    citation: str
    because: list[str]
    text: str
    value: Literal["true", "false", "unknown"]
    depends_on: list[str] = Field(default_factory=list)


class Caveat(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    id: str
    text: str
    sources: list[str] = Field(default_factory=list)


class Contact(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    type: str
    value: str
    note: str = ""
    # False for a contact our sources do not confirm: never offered as a number to call.
    confirmed: bool


class Referral(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results

    name: str
    contact: str
    kind: str
    contacts: list[Contact]
    hours: str = ""
    note: str = ""
    source: str
    checked: str
    confidence: str


class Result(BaseModel):
    framework: str
    framework_title: str
    outcome: Outcome
    summary: str
    elements: dict[str, ElementFinding]
    child: Optional[bool]
    explanation: list[Step]
    open_questions: list[str]
    what_would_change: list[str]
    caveats: list[Caveat]
    referrals: list[Referral]
