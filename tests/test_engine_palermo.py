"""The engine against the independent oracle of Art. 3, on every combination the issue names."""
from __future__ import annotations

import itertools

import pytest

from elements import evaluate
from elements.api import facts_read
from oracle_palermo import ACTIONS, MEANS, PURPOSES, palermo

CONTRACT_CAVEATS = {"not_legal_advice", "sex_work_distinction", "smuggling_distinction", "consent_irrelevant"}


def group_variants(ids: list[str]) -> dict[str, dict]:
    """all-false / some-true / unknown-mixed, and the edges: one true, all omitted."""
    return {
        "all_false": {k: False for k in ids},
        "one_true": {ids[0]: True},
        "some_true": {k: (True if i % 2 else False) for i, k in enumerate(ids)},
        "unknown_mixed": {k: (None if i % 2 else False) for i, k in enumerate(ids)},
        "omitted": {},
    }


AGES = {"unknown": None, "child": 15, "adult": 30, "exactly_18": 18, "just_under": 17}
CONSENT = {"true": True, "false": False, "unknown": None}


def expand_open(questions: list[str]) -> set[str]:
    out = set()
    rule_facts = set(facts_read("palermo"))
    for q in questions:
        if q.endswith(".*"):
            out |= {f for f in rule_facts if f.startswith(q[:-1])}
        else:
            out.add(q)
    return out


COMBOS = list(itertools.product(
    group_variants(ACTIONS).items(), group_variants(MEANS).items(), group_variants(PURPOSES).items(),
    AGES.items(), CONSENT.items(),
))


@pytest.mark.parametrize("chunk", range(10))
def test_engine_agrees_with_oracle_everywhere(chunk):
    for (an, a), (mn, m), (pn, p), (agen, age), (cn, consent) in COMBOS[chunk::10]:
        facts = {**a, **m, **p}
        if consent is not None or cn == "unknown":
            facts["consent.given"] = consent
        facts["movement.crossed_border"] = True
        expected = palermo(facts, age)
        result = evaluate({"person": {"age": age}, "facts": facts}, "palermo")
        where = f"action={an} means={mn} purpose={pn} age={agen} consent={cn}"
        assert result.outcome == expected["outcome"], where
        assert {k: v.status for k, v in result.elements.items()} == expected["elements"], where
        assert result.child == expected["child"], where
        for role in ("action", "purpose", "means"):
            assert sorted(result.elements[role].satisfied_by) == expected["satisfied_by"][role], where
        assert {c.id for c in result.caveats} & CONTRACT_CAVEATS == expected["caveats"], where
        assert expand_open(result.open_questions) == expected["open_questions"], where


def test_combination_count():
    # 5 x 5 x 5 element variants x 5 ages x 3 consent answers
    assert len(COMBOS) == 1875


def test_explanation_is_the_firing_trace():
    result = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    rules = [s.rule for s in result.explanation]
    # every rule of the pack fired exactly once, with its citation
    assert sorted(rules) == sorted(f"palermo.{r}" for r in
                                   ["action", "means", "purpose", "consent_irrelevant", "child", "child_exception", "outcome"])
    child = next(s for s in result.explanation if s.rule == "palermo.child")
    assert child.because == ["person.age=16"] and child.citation == "Art. 3(d)"
    exception = next(s for s in result.explanation if s.rule == "palermo.child_exception")
    assert exception.value == "true" and exception.depends_on == ["palermo.child"]
    outcome = next(s for s in result.explanation if s.rule == "palermo.outcome")
    assert "palermo.child=true" in outcome.because
    # a rule that depends on another fires after it
    assert rules.index("palermo.child") < rules.index("palermo.child_exception") < len(rules)
    assert result.elements["means"].status == "not_required"
    assert result.outcome == "all_elements_met"


def test_unknown_age_names_what_would_change():
    result = evaluate({"facts": {"action.recruitment": True, "means.deception": False, "purpose.forced_labour": True}})
    assert result.outcome == "undetermined"
    assert "person.age" in result.open_questions
    assert any("under 18" in s and "means element would not be required" in s for s in result.what_would_change)
    assert result.child is None


def test_unknown_is_never_read_as_false():
    # Everything unknown: nothing is "not met".
    result = evaluate({})
    assert result.outcome == "undetermined"
    assert {f.status for f in result.elements.values()} == {"unknown"}
    assert set(result.open_questions) >= {"action.*", "purpose.*", "person.age"}


def test_adult_without_means_is_not_all_elements():
    result = evaluate({"person": {"age": 30}, "facts": {
        "action.recruitment": True, "purpose.prostitution_of_others": True,
        **{k: False for k in MEANS}}})
    assert result.outcome == "not_all_elements_met"
    assert result.elements["means"].status == "not_met"
    assert "sex_work_distinction" in {c.id for c in result.caveats}
    assert "is a victim" not in result.model_dump_json()
