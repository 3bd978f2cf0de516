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
def test_adult_sex_work_without_means_gets_the_distinction(framework):
    result = evaluate(ADULT_SEX_WORK, framework)
    assert "sex_work_distinction" in {c.id for c in result.caveats}, framework
    assert any(r.name.startswith(("SWOP", "Global Network")) for r in result.referrals)


@pytest.mark.parametrize("framework", [fw for fw in framework_ids() if fw != "uk"])
def test_consensual_adult_sex_work_meets_no_definition_but_the_uk(framework):
    assert evaluate(ADULT_SEX_WORK, framework).outcome != "all_elements_met", framework


def test_the_uk_reaches_controlled_prostitution_and_says_so():
    """Modern Slavery Act 2015 s.3(3): "Something is done to or in respect of the person (a) which
    involves the commission of an offence under ... (ii) Part 1 of the Sexual Offences Act 2003";
    Part 1 includes controlling prostitution for gain, which needs no force. Travel arranged for
    someone's prostitution is therefore within s.2 for an adult too, and the caveat says so
    instead of repeating Palermo."""
    result = evaluate(ADULT_SEX_WORK, "uk")
    assert result.outcome == "all_elements_met"
    assert result.elements["purpose"].satisfied_by == ["purpose.prostitution_of_others"]
    caveat = next(c for c in result.caveats if c.id == "sex_work_distinction")
    assert "s.3(3)" in caveat.text and "reaches further" in caveat.text
    assert "Sexual Offences Act 2003" in caveat.text
    # An adult selling sex on her own account, with nobody profiting or controlling, is not.
    nothing_else = {f: False for f in vocabulary().expand("means.*") + vocabulary().expand("purpose.*")}
    own_account = {**ADULT_SEX_WORK, "facts": {**ADULT_SEX_WORK["facts"], **nothing_else,
                                               "purpose.commercial_sex_act": True, "purpose.work_or_services": True}}
    assert evaluate(own_account, "uk").outcome == "not_all_elements_met"


@pytest.mark.parametrize("framework", ["uk", "us", "ca"])
def test_the_distinction_is_worded_in_each_framework_s_own_terms(framework):
    """Where a framework's law differs from Palermo's, its caveat says what that law says."""
    caveat = next(c for c in evaluate(ADULT_SEX_WORK, framework).caveats if c.id == "sex_work_distinction")
    palermo = next(c for c in evaluate(ADULT_SEX_WORK, "palermo").caveats if c.id == "sex_work_distinction")
    assert caveat.text != palermo.text
    assert {"uk": "s.3(3)", "us": "7102(12)", "ca": "s.279.04(1)"}[framework] in caveat.text


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
