"""Exercise scoring (elements.exercise): the trainee's marks against the engine's findings."""
from __future__ import annotations

import csv
import io

import pytest

from elements import evaluate, load_scenario
from elements.exercise import (
    CSV_COLUMNS,
    MARK_FOR_STATUS,
    ElementAnswer,
    Feedback,
    answer_key,
    fact_choices,
    grade,
    summarize,
    to_csv,
)
from elements.model import Scenario
from elements.packs import framework_ids
from elements.vocabulary import vocabulary
from elements.yamlfile import rules_dir

ROLES = ("action", "means", "purpose")


def scenario(name: str):
    return load_scenario(rules_dir() / "scenarios" / f"{name}.yaml")


def perfect(s, fw):
    result = evaluate(s, fw)
    return {
        role: ElementAnswer(mark=MARK_FOR_STATUS[result.elements[role].status], facts=answer_key(s, fw, role))
        for role in ROLES
    }


@pytest.mark.parametrize("fw", framework_ids())
def test_fact_choices_come_from_the_pack(fw):
    known = set(vocabulary().ids)
    for role in ROLES:
        choices = fact_choices(fw, role)
        assert choices and set(choices) <= known, (fw, role)


def test_fact_choices_follow_each_framework():
    assert fact_choices("palermo", "action") == [
        "action.recruitment", "action.transportation", "action.transfer", "action.harbouring", "action.receipt",
    ]
    assert fact_choices("uk", "action") == ["movement.travel"]
    # The EU names begging; Palermo's list is a minimum, so begging may still count there (it
    # leaves the purpose open) and is offered; a commercial sex act on its own is not exploitation.
    assert "purpose.begging" in fact_choices("eu", "purpose") and "purpose.begging" in fact_choices("palermo", "purpose")
    assert "purpose.commercial_sex_act" not in fact_choices("palermo", "purpose")
    assert "means.deception" in fact_choices("us", "means")  # fraud, read to include deception


@pytest.mark.parametrize("name", ["pimp-control-01", "contrast-smuggling-01", "county-lines-01", "familial-01"])
@pytest.mark.parametrize("fw", framework_ids())
def test_answers_that_match_the_engine_score_full_marks(name, fw):
    s = scenario(name)
    fb = grade(s, fw, perfect(s, fw))
    assert fb.element_points == 3 and fb.score == 1.0
    assert all(e.correct and not e.facts_missed and not e.facts_extra for e in fb.elements.values())
    assert fb.outcome == evaluate(s, fw).outcome


def test_wrong_marks_get_feedback_naming_the_engines_finding():
    s = scenario("county-lines-01")  # Palermo: purpose unknown, means not required (a child)
    answers = {
        "action": ElementAnswer(mark="met", facts=["action.recruitment"]),
        "means": ElementAnswer(mark="not_met"),
        "purpose": ElementAnswer(mark="not_met", facts=["purpose.slavery"]),
    }
    fb = grade(s, "palermo", answers)
    assert fb.elements["action"].correct
    assert not fb.elements["means"].correct and fb.elements["means"].expected_mark == "not_required"
    assert "not required" in fb.elements["means"].message
    purpose = fb.elements["purpose"]
    assert not purpose.correct and purpose.status == "unknown"
    assert "an unknown is not a 'no'" in purpose.message
    assert purpose.facts_extra == ["purpose.slavery"]
    assert purpose.citation == "Art. 3(a)" and purpose.explanation
    assert fb.elements["action"].facts_missed  # transportation, receipt, harbouring were there too
    assert 0 < fb.score < 1


def test_unmarked_elements_are_not_correct():
    s = scenario("contrast-au-pair")
    fb = grade(s, "palermo", {})
    assert fb.element_points == 0
    assert all(e.mark is None and e.message.startswith("Not marked") for e in fb.elements.values())


def test_grading_changes_nothing():
    s = scenario("loverboy-01")
    before = s.model_dump()
    grade(s, "us", perfect(s, "us"))
    assert s.model_dump() == before


def test_unknown_fact_ids_are_refused():
    s = scenario("loverboy-01")
    with pytest.raises(ValueError):
        grade(s, "palermo", {"action": ElementAnswer(mark="met", facts=["action.teleportation"])})


def test_summary_and_csv():
    a = scenario("pimp-control-01")
    b = scenario("contrast-escort-agency")
    results = [grade(a, "palermo", perfect(a, "palermo")), grade(b, "palermo", {"means": ElementAnswer(mark="met")})]
    summary = summarize(results)
    assert summary.attempts == 2
    assert summary.elements_correct == {"action": 1, "means": 1, "purpose": 1}
    assert 0 < summary.mean_score < 1
    assert summary.hardest in ROLES
    rows = list(csv.reader(io.StringIO(to_csv(results))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + 3 * 2
    assert {r[4] for r in rows[1:]} == set(ROLES)
    assert summarize([]).attempts == 0 and summarize([]).hardest is None


def test_csv_cells_cannot_be_formulas():
    s = scenario("pimp-control-01").model_copy(update={"title": "=HYPERLINK(\"http://x\")"})
    rows = list(csv.reader(io.StringIO(to_csv([grade(s, "palermo", {})]))))
    assert rows[1][2].startswith("'=")


# ---------------------------------------------------------------- the key is what the engine found


def adult(facts: dict) -> Scenario:
    return Scenario(person={"age": 30}, facts=facts)


def test_an_act_the_engine_does_not_count_is_not_in_the_key():
    # US: enticing counts only for a commercial sex act, and there is none here.
    facts = {f: False for f in fact_choices("us", "action")}
    s = adult({**facts, "action.enticement": True})
    result = evaluate(s, "us")
    assert result.elements["action"].status == "not_met"
    assert answer_key(s, "us", "action") == []
    fb = grade(s, "us", {"action": ElementAnswer(mark="not_met")})
    action = fb.elements["action"]
    assert action.correct and action.facts_expected == [] and action.facts_missed == []
    assert action.fact_score == 1.0


def test_the_choices_hold_every_fact_the_engines_rule_tests():
    # Canada: the purpose rests on the fear for safety as well as on the labour (s.279.04(1)).
    choices = fact_choices("ca", "purpose")
    assert {"means.causing_fear_for_safety", "purpose.forced_labour"} <= set(choices)
    s = adult({"action.recruitment": True, "means.causing_fear_for_safety": True, "purpose.forced_labour": True})
    result = evaluate(s, "ca")
    assert result.elements["purpose"].status == "met"
    key = answer_key(s, "ca", "purpose")
    assert sorted(key) == ["means.causing_fear_for_safety", "purpose.forced_labour"]
    assert key == result.elements["purpose"].satisfied_by
    fb = grade(s, "ca", {"purpose": ElementAnswer(mark="met", facts=key)})
    purpose = fb.elements["purpose"]
    assert purpose.correct and purpose.fact_score == 1.0 and not purpose.facts_missed
    # The US action: enticing counts with a commercial sex act, so that fact is offered too.
    assert {"action.enticement", "purpose.commercial_sex_act"} <= set(fact_choices("us", "action"))


@pytest.mark.parametrize("fw", framework_ids())
def test_the_key_is_always_among_the_choices(fw):
    for path in sorted((rules_dir() / "scenarios").glob("*.yaml")):
        s = load_scenario(path)
        result = evaluate(s, fw)
        for role in ROLES:
            key = answer_key(s, fw, role, result)
            assert key == result.elements[role].satisfied_by
            assert set(key) <= set(fact_choices(fw, role)), (path.stem, fw, role)


@pytest.mark.parametrize("name, caveat", [
    ("contrast-sex-work-independent", "sex_work_distinction"),
    ("contrast-smuggling-01", "smuggling_distinction"),
])
def test_feedback_carries_the_engines_caveats(name, caveat):
    s = scenario(name)
    for fw in framework_ids():
        fb = grade(s, fw, {})
        assert [c.id for c in fb.caveats] == [c.id for c in evaluate(s, fw).caveats]
        assert caveat in [c.id for c in fb.caveats]
        assert Feedback.model_validate(fb.model_dump(mode="json")).caveats == fb.caveats
