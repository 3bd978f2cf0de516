"""The labelled narrative sets the highlighter is measured on, and how it is scored.

Three sets, kept apart because they say different things:
    library   the training scenarios' narratives (rules/scenarios/), labelled by each
              scenario's facts; written by the team that wrote the lexicon
    tuning    tests/data/narratives_tuning.yaml: the lexicon was tuned on these
    dev       tests/data/narratives_dev.yaml: written later, apart from the tuning set, and
              scored once before the reader was changed on it (a second unseen-text estimate
              then; a development set since)
    heldout   tests/data/narratives_heldout.yaml: written by someone else, never read while
              tuning; the one honest estimate for unseen text

A narrative file: `narratives: [{id, contrast, text, facts: [fact ids stated as true], age}]`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from elements.api import load_scenario, scenario_files  # noqa: E402
from elements.errors import InputError, from_validation  # noqa: E402
from elements.highlight import highlight, propose_age, proposed_facts  # noqa: E402
from elements.vocabulary import vocabulary  # noqa: E402
from elements.yamlfile import read_mapping  # noqa: E402

DATA = ROOT / "tests" / "data"
TUNING = DATA / "narratives_tuning.yaml"
DEV = DATA / "narratives_dev.yaml"
HELDOUT = DATA / "narratives_heldout.yaml"


class Narrative(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    contrast: bool = False
    text: str = Field(min_length=1)
    facts: frozenset[str] = frozenset()
    age: Optional[int] = Field(default=None, ge=0, le=130)

    @field_validator("facts")
    @classmethod
    def _known(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = sorted(value - set(vocabulary().ids))
        if unknown:
            raise ValueError(f"unknown fact ids {unknown} (see rules/vocabulary.yaml)")
        return value


class NarrativeSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1  # the held-out file says which version of the format it is written in

    narratives: list[Narrative] = Field(min_length=1)

    @field_validator("narratives")
    @classmethod
    def _unique_ids(cls, value: list[Narrative]) -> list[Narrative]:
        seen: set[str] = set()
        for n in value:
            if n.id in seen:
                raise ValueError(f"id {n.id} is given twice")
            seen.add(n.id)
        return value


def load_set(path: Path) -> list[Narrative]:
    """A narrative file, validated; a bad one raises InputError naming the file and field."""
    try:
        return NarrativeSet.model_validate(read_mapping(path, InputError)).narratives
    except ValidationError as exc:
        raise from_validation(exc, str(path), InputError) from None


def library_set() -> list[Narrative]:
    """The library's scenarios as narratives: their true facts, their person's age."""
    out = []
    for path in scenario_files():
        s = load_scenario(path)
        if s.narrative:
            out.append(Narrative(
                id=s.id or path.stem, contrast="contrast" in s.tags, text=s.narrative,
                facts=frozenset(k for k, v in s.facts.items() if v is True), age=s.person.age,
            ))
    return out


class Tally:
    """True positives, false positives and false negatives over (narrative, fact) pairs."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, proposed: set[str], gold: set[str]) -> None:
        self.tp += len(proposed & gold)
        self.fp += len(proposed - gold)
        self.fn += len(gold - proposed)

    def scores(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


class Scored(BaseModel):
    """One narrative read: what was proposed (negated phrases left out) against its labels."""

    narrative: Narrative
    proposed: frozenset[str]
    phrases: dict[str, list[str]]
    age: Optional[int]


def score(narratives: list[Narrative]) -> list[Scored]:
    out = []
    for n in narratives:
        by_fact = proposed_facts(highlight(n.text))
        out.append(Scored(
            narrative=n, proposed=frozenset(by_fact),
            phrases={f: [s.text for s in items] for f, items in by_fact.items()},
            age=propose_age(n.text),
        ))
    return out
