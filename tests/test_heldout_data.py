"""Schema of the held-out highlighter narratives (tests/data/narratives_heldout.yaml).

Checks the data only: it must not import the highlighter, so that nothing here can be tuned
against it. The labels themselves are a human judgement and are not re-derived here.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "data" / "narratives_heldout.yaml"
VOCABULARY = ROOT / "rules" / "vocabulary.yaml"
SCENARIOS = ROOT / "rules" / "scenarios"

MIN_NARRATIVES = 36
MIN_CONTRASTS = 12
# A run of this many words shared with a scenario narrative counts as copied wording.
COPIED_RUN_WORDS = 8


class HeldoutNarrative(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Annotated[StrictStr, Field(pattern=r"^heldout-\d{2,}$")]
    contrast: StrictBool
    text: Annotated[StrictStr, Field(min_length=20)]
    facts: list[StrictStr]
    age: Annotated[StrictInt, Field(ge=0, le=130)] | None


class HeldoutFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: StrictInt
    narratives: list[HeldoutNarrative]


def _load_heldout() -> HeldoutFile:
    return HeldoutFile.model_validate(yaml.safe_load(HELDOUT.read_text(encoding="utf-8")))


def _vocabulary_fact_ids() -> set[str]:
    data = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return {fact["id"] for fact in data["facts"]}


def _scenario_narratives() -> dict[str, str]:
    texts = {}
    for path in sorted(SCENARIOS.glob("*.yaml")):
        narrative = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("narrative")
        if narrative:
            texts[path.name] = narrative
    return texts


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def _runs(text: str, n: int = COPIED_RUN_WORDS) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _copied_runs(text: str, source: str) -> set[tuple[str, ...]]:
    return _runs(text) & _runs(source)


@pytest.fixture(scope="module")
def heldout() -> HeldoutFile:
    return _load_heldout()


def test_file_matches_the_schema(heldout):
    assert heldout.version == 1


def test_ids_are_unique(heldout):
    ids = [n.id for n in heldout.narratives]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_fact_is_a_vocabulary_id_listed_once(heldout):
    known = _vocabulary_fact_ids()
    for narrative in heldout.narratives:
        unknown = sorted(set(narrative.facts) - known)
        assert not unknown, f"{narrative.id}: not in rules/vocabulary.yaml: {unknown}"
        assert len(narrative.facts) == len(set(narrative.facts)), f"{narrative.id}: a fact is listed twice"


def test_there_are_enough_narratives_and_contrasts(heldout):
    assert len(heldout.narratives) >= MIN_NARRATIVES
    assert sum(n.contrast for n in heldout.narratives) >= MIN_CONTRASTS


def test_texts_are_distinct(heldout):
    texts = [" ".join(_words(n.text)) for n in heldout.narratives]
    assert len(texts) == len(set(texts))


def test_no_text_is_taken_from_the_scenario_library(heldout):
    scenarios = _scenario_narratives()
    assert scenarios, "no narratives found in rules/scenarios"
    for narrative in heldout.narratives:
        for name, source in scenarios.items():
            copied = _copied_runs(narrative.text, source)
            assert not copied, f"{narrative.id} shares wording with rules/scenarios/{name}: {' '.join(min(copied))!r}"


@pytest.mark.parametrize(
    "bad, field",
    [
        ({"age": 131}, "age"),
        ({"age": -1}, "age"),
        ({"age": "16"}, "age"),
        ({"contrast": "no"}, "contrast"),
        ({"id": "case-01"}, "id"),
        ({"label": "extra"}, "label"),
    ],
)
def test_the_schema_rejects_bad_entries(bad, field):
    entry = {"id": "heldout-99", "contrast": False, "text": "A long enough example text here.",
             "facts": [], "age": None} | bad
    with pytest.raises(ValueError, match=field):
        HeldoutNarrative.model_validate(entry)


def test_the_copy_check_catches_a_scenario_sentence():
    name, source = next(iter(_scenario_narratives().items()))
    lifted = "In our notes: " + " ".join(_words(source)[:COPIED_RUN_WORDS]) + ", as it happens."
    assert _copied_runs(lifted, source), name
    assert not _copied_runs("Nothing in this sentence comes from any scenario in the library.", source)
