"""The two distinctions that must never be blurred, under every framework."""
from __future__ import annotations

import pytest

from elements import evaluate
from elements.packs import framework_ids
from elements.vocabulary import vocabulary

ADULT_SEX_WORK = {
    "person": {"age": 29},
    "facts": {
        "action.recruitment": True, "purpose.prostitution_of_others": True, "purpose.commercial_sex_act": True,
        "consent.given": True, "means.use_of_force": False, "means.threat_of_force": False,
        "means.deception": False, "means.fraud": False, "means.other_coercion": False,
        "means.causing_fear_for_safety": False, "movement.travel": True,
    },
}

# Paid to be driven across a border, and nothing else: no means, no exploitative purpose.
SMUGGLING = {
    "person": {"age": 31},
    "facts": {
        **{f: False for f in vocabulary().expand("means.*") + vocabulary().expand("purpose.*")},
        "action.transportation": True, "movement.crossed_border": True, "movement.travel": True,
        "consent.given": True,
    },
}


@pytest.mark.parametrize("framework", framework_ids())
def test_adult_sex_work_without_means_gets_the_distinction_and_is_not_all_elements(framework):
    result = evaluate(ADULT_SEX_WORK, framework)
    assert "sex_work_distinction" in {c.id for c in result.caveats}, framework
    assert result.outcome != "all_elements_met", framework
    assert any(r.name.startswith(("SWOP", "Global Network")) for r in result.referrals)


@pytest.mark.parametrize("framework", framework_ids())
def test_the_same_facts_with_force_lose_the_distinction(framework):
    forced = {**ADULT_SEX_WORK, "facts": {**ADULT_SEX_WORK["facts"], "means.use_of_force": True,
                                          "means.causing_fear_for_safety": True}}
    result = evaluate(forced, framework)
    assert "sex_work_distinction" not in {c.id for c in result.caveats}, framework


@pytest.mark.parametrize("framework", framework_ids())
def test_consensual_border_crossing_gets_the_smuggling_distinction(framework):
    result = evaluate(SMUGGLING, framework)
    assert "smuggling_distinction" in {c.id for c in result.caveats}, framework
    assert result.outcome != "all_elements_met", framework


def test_an_open_case_is_not_called_smuggling():
    """While the means and the purpose are only unknown, the case is open, not smuggling."""
    open_case = {"person": {"age": 31}, "facts": {"action.transportation": True, "movement.crossed_border": True,
                                                 "consent.given": True}}
    for framework in framework_ids():
        result = evaluate(open_case, framework)
        assert "smuggling_distinction" not in {c.id for c in result.caveats}, framework
        assert result.outcome == "undetermined", framework


def test_a_child_is_never_told_it_is_sex_work():
    child = {**ADULT_SEX_WORK, "person": {"age": 16}}
    for framework in framework_ids():
        assert "sex_work_distinction" not in {c.id for c in evaluate(child, framework).caveats}, framework


def test_no_result_says_someone_is_a_victim():
    for scenario in (ADULT_SEX_WORK, SMUGGLING, {}):
        for framework in framework_ids():
            text = evaluate(scenario, framework).model_dump_json().lower()
            assert "is a victim" not in text and "was trafficked" not in text
