"""The engine against the independent oracle of Art. 3 (tests/oracle_palermo.py), on every
combination of the act, means and purpose variants below, five ages and three consent answers:
outcome, element statuses, the child, the facts satisfying each element, the contract caveats
and exactly the open questions.

The means facts that other frameworks name (threats of serious harm, physical restraint, the
abuse of the legal process) are held false here: whether Art. 3(a)'s "other forms of coercion"
reads them is a question for the lead (test_frameworks_oracles.py marks it), not for this test.
"""
from __future__ import annotations

import itertools

import pytest

from elements import evaluate
from elements.api import facts_read
from elements.packs import get_pack
from oracle_palermo import ACTIONS, COERCION_FORMS, LISTED, MEANS, UNLISTED, palermo

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


def purpose_variants() -> dict[str, dict]:
    """Art. 3(a)'s list is a minimum: its own forms, and the established forms it does not name
    (which leave the purpose open, never "not met")."""
    none_listed = {k: False for k in LISTED}
    return {
        "all_false": {k: False for k in LISTED + UNLISTED},
        "listed_true": {**{k: False for k in UNLISTED}, LISTED[2]: True},
        "listed_true_unlisted_true": {LISTED[0]: True, UNLISTED[0]: True},
        "unlisted_true": {**none_listed, **{k: False for k in UNLISTED}, UNLISTED[-1]: True},
        "unlisted_true_listed_unknown": {**none_listed, LISTED[1]: None, UNLISTED[1]: True},
        "unlisted_unknown": {**none_listed, **{k: (None if i % 2 else False) for i, k in enumerate(UNLISTED)}},
        "unlisted_omitted": none_listed,
        "omitted": {},
    }


AGES = {"unknown": None, "child": 15, "adult": 30, "exactly_18": 18, "just_under": 17}
CONSENT = {"true": True, "false": False, "unknown": None}
HELD_FALSE = {k: False for k in COERCION_FORMS}


def expand_open(questions: list[str]) -> set[str]:
    out = set()
    rule_facts = set(facts_read("palermo"))
    for q in questions:
        if q.endswith(".*"):
            out |= {f for f in rule_facts if f.startswith(q[:-1])}
        else:
            out.add(q)
    return out


ACTION_VARIANTS = group_variants(ACTIONS)
MEANS_VARIANTS = {name: v for name, v in group_variants(MEANS).items() if name != "some_true"}
COMBOS = list(itertools.product(
    ACTION_VARIANTS.items(), MEANS_VARIANTS.items(), purpose_variants().items(), AGES.items(), CONSENT.items(),
))


@pytest.mark.parametrize("chunk", range(10))
def test_engine_agrees_with_oracle_everywhere(chunk):
    for (an, a), (mn, m), (pn, p), (agen, age), (cn, consent) in COMBOS[chunk::10]:
        facts = {**a, **m, **p, **HELD_FALSE}
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
    # 5 act x 4 means x 8 purpose variants x 5 ages x 3 consent answers
    assert len(COMBOS) == 2400


def test_an_unlisted_form_leaves_the_purpose_open_with_the_reason():
    """Art. 3(a) "Exploitation shall include, at a minimum, ...": begging is not on the list,
    and the list is not closed, so the purpose is open - and the result says why, and that no
    answer to a question would settle it."""
    facts = {"action.recruitment": True, "means.deception": True, "purpose.begging": True,
             **{k: False for k in LISTED}}
    result = evaluate({"person": {"age": 30}, "facts": facts})
    assert result.outcome == "undetermined"
    assert result.elements["purpose"].status == "unknown"
    assert result.open_questions == []  # what is open is the law's list, not a fact
    step = result.element_step("purpose")
    assert "minimum" in step.text.lower() or any("minimum" in s.lower() for s in result.what_would_change), step.text


def test_explanation_is_the_firing_trace():
    result = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    rules = [s.rule for s in result.explanation]
    # every rule of the pack fired exactly once, with its citation: the contract's conclusions among them
    assert sorted(rules) == sorted(f"palermo.{r.id}" for r in get_pack("palermo").rules)
    assert {f"palermo.{r}" for r in ["action", "means", "purpose", "consent_irrelevant", "child", "child_exception",
                                     "outcome"]} <= set(rules)
    assert all(step.citation for step in result.explanation)
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
        **{k: False for k in MEANS + COERCION_FORMS}}})
    assert result.outcome == "not_all_elements_met"
    assert result.elements["means"].status == "not_met"
    assert "sex_work_distinction" in {c.id for c in result.caveats}
    assert "is a victim" not in result.model_dump_json()
