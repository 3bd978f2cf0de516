"""Exercise scoring (elements.exercise): the trainee's marks against the engine's findings."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from elements import evaluate, load_scenario
from elements.exercise import (
    CSV_COLUMNS,
    MARK_FOR_STATUS,
    ElementAnswer,
    Feedback,
    answer_key,
    fact_choices,
    grade,
    record,
    relied_on,
    rule_value_with_only,
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
    action = fb.elements["action"]
    # Recruitment alone meets the action: the transport, receipt and harbouring are also there.
    assert action.sufficient and not action.facts_missed
    assert set(action.facts_also_there) == {"action.transportation", "action.receipt", "action.harbouring"}
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
            if result.elements[role].status == "met":
                assert key == result.elements[role].satisfied_by, (path.stem, fw, role)
            assert set(key) <= set(fact_choices(fw, role)), (path.stem, fw, role)
            assert all(s.facts.get(f) is True for f in key), (path.stem, fw, role)


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


# ---------------------------------------------------------------- issue 9: grading that teaches the right rule


def right_marks(s, fw, facts: dict[str, list[str]]) -> dict[str, ElementAnswer]:
    result = evaluate(s, fw)
    return {role: ElementAnswer(mark=MARK_FOR_STATUS[result.elements[role].status], facts=facts.get(role, []))
            for role in ROLES}


CHILD_MEANS = ["means.payments_to_controller", "means.abuse_of_power"]


@pytest.mark.parametrize("fw, provision", [("palermo", "Art. 3(c)"), ("coe", "Art. 4(c)"), ("eu", "Art. 2(5)")])
def test_the_childs_means_marked_present_are_right(fw, provision):
    """The 14-year-old's case: payments to the mother's boyfriend and the abuse of a parent's
    authority are there. Marking the means met with them is right, and the feedback says the
    means need not be shown for a child, quoting the provision that waives them."""
    s = scenario("familial-01")
    answers = {"action": ElementAnswer(mark="met", facts=["action.harbouring"]),
               "means": ElementAnswer(mark="met", facts=CHILD_MEANS),
               "purpose": ElementAnswer(mark="met", facts=["purpose.prostitution_of_others"])}
    fb = grade(s, fw, answers)
    means = fb.elements["means"]
    assert means.status == "not_required" and means.right_marks == ["not_required", "met"]
    assert means.correct and means.sufficient and means.fact_score == 1.0
    assert means.facts_found == CHILD_MEANS and means.facts_extra == [] and means.facts_missed == []
    assert "not required" in means.message and provision in means.message
    waiver = evaluate(s, fw).element_step("means")
    assert waiver.text in means.message and "child" in waiver.text
    assert "the engine finds it not required" not in means.message
    assert [n.verdict for n in means.facts if n.picked] == ["found", "found"]
    assert fb.score == 1.0


def test_the_childs_means_marked_not_required_are_right_and_shown_as_there():
    s = scenario("familial-01")
    fb = grade(s, "palermo", right_marks(s, "palermo", {}))
    means = fb.elements["means"]
    assert means.correct and means.sufficient is None and means.fact_score == 1.0
    assert set(CHILD_MEANS) <= set(means.facts_also_there)
    assert "Art. 3(c)" in means.message


def test_a_means_the_framework_does_not_name_is_not_a_means_there():
    """The rule is the engine's: under US law the payments and a parent's authority are not among
    the means (7102(3), (11)), so "met" is right (coercion is there) but those picks are not."""
    s = scenario("familial-01")
    fb = grade(s, "us", {"means": ElementAnswer(mark="met", facts=CHILD_MEANS)})
    means = fb.elements["means"]
    assert means.correct and means.sufficient is False and means.fact_score == 0.0
    assert means.facts_extra == CHILD_MEANS
    assert [n.verdict for n in means.facts if n.picked] == ["not_relied_on", "not_relied_on"]
    assert means.facts_missed == ["means.threat_of_serious_harm"]
    us = grade(s, "us", {"means": ElementAnswer(mark="met", facts=["means.threat_of_serious_harm"])})
    assert us.elements["means"].sufficient and us.elements["means"].fact_score == 1.0


def test_met_is_wrong_for_a_waived_element_whose_own_rule_does_not_hold():
    # A child with no means described: not required, and "met" is not right either.
    vcl = scenario("case-vcl-cannabis")
    for fw in ("palermo", "uk", "ca"):
        means = grade(vcl, fw, {"means": ElementAnswer(mark="met")}).elements["means"]
        assert means.status == "not_required" and means.right_marks == ["not_required"] and not means.correct, fw
        assert means.message.startswith("You marked it met; the engine finds it not required."), fw


def test_under_the_uk_act_the_means_are_the_ones_s3_5_names():
    # The UK means (force, threats, deception, inside s.3(5)) are there in the familial case:
    # "met" is right, but the payments and a parent's authority are not among them.
    s = scenario("familial-01")
    uk = grade(s, "uk", {"means": ElementAnswer(mark="met", facts=CHILD_MEANS)}).elements["means"]
    assert uk.correct and uk.sufficient is False and uk.facts_extra == CHILD_MEANS
    assert uk.facts_missed == answer_key(s, "uk", "means")


@pytest.mark.parametrize("fw", framework_ids())
def test_met_with_the_engines_facts_is_right_wherever_a_waived_rule_holds(fw):
    found = 0
    for path in sorted((rules_dir() / "scenarios").glob("*.yaml")):
        s = load_scenario(path)
        result = evaluate(s, fw)
        for role in ROLES:
            key = answer_key(s, fw, role, result)
            if result.elements[role].status != "not_required" or not key:
                continue
            found += 1
            e = grade(s, fw, {role: ElementAnswer(mark="met", facts=key)}).elements[role]
            assert e.correct and e.sufficient and e.fact_score == 1.0, (path.stem, fw, role)
            assert result.elements[role].citation in e.message and result.element_step(role).text in e.message
    assert found, f"no library scenario waives an element under {fw} while its rule holds"


def test_three_elements_right_one_right_means_is_a_sufficient_answer():
    """Issue 9: a legally sufficient answer (every mark right, one right fact per element) scored
    73%. Each element is met by the facts picked, so it scores full marks now, with the other
    facts the engine relied on shown as also there."""
    s = scenario("loverboy-01")
    answers = right_marks(s, "palermo", {"action": ["action.recruitment"], "means": ["means.deception"],
                                         "purpose": ["purpose.prostitution_of_others"]})
    fb = grade(s, "palermo", answers)
    assert fb.score == 1.0 and fb.element_points == 3 and fb.fact_points == 3
    means = fb.elements["means"]
    assert means.sufficient and means.facts_missed == []
    assert set(means.facts_also_there) == set(answer_key(s, "palermo", "means")) - {"means.deception"}
    assert "also there" in next(n.text for n in means.facts if n.verdict == "also_there")


@pytest.mark.parametrize("fw", framework_ids())
def test_any_one_fact_that_meets_an_element_scores_full_marks(fw):
    """Across the library: for a met element, each fact the engine says meets it alone is a
    sufficient answer."""
    for name in ("loverboy-01", "pimp-control-01", "domestic-servitude-01", "familial-01"):
        s = scenario(name)
        result = evaluate(s, fw)
        for role in ROLES:
            if result.elements[role].status != "met":
                continue
            for fact in answer_key(s, fw, role, result):
                if rule_value_with_only(s, fw, role, [fact]) != "true":
                    continue
                e = grade(s, fw, {role: ElementAnswer(mark="met", facts=[fact])}).elements[role]
                assert e.correct and e.sufficient and e.fact_score == 1.0, (name, fw, role, fact)


def test_the_engine_decides_what_suffices():
    # US: enticing counts as an act only for a commercial sex act (1591(a)).
    s = scenario("loverboy-01")
    alone = grade(s, "us", {"action": ElementAnswer(mark="met", facts=["action.enticement"])}).elements["action"]
    assert alone.correct and alone.sufficient is False and alone.fact_score == 0.0
    assert alone.facts_found == ["action.enticement"] and "purpose.commercial_sex_act" in alone.facts_missed
    assert "not enough" in alone.facts_message and "open" in alone.facts_message
    both = grade(s, "us", {"action": ElementAnswer(mark="met", facts=["action.enticement", "purpose.commercial_sex_act"])})
    assert both.elements["action"].sufficient and both.elements["action"].fact_score == 1.0
    # Canada: labour is exploitation only with conduct that could make the person fear for her safety.
    assert rule_value_with_only(s, "ca", "purpose", ["purpose.forced_labour"]) == "unknown"
    assert rule_value_with_only(s, "ca", "purpose", ["purpose.forced_labour", "means.causing_fear_for_safety"]) == "true"


def test_only_facts_the_scenario_states_true_can_make_an_answer_sufficient():
    s = scenario("contrast-farm-work-01")  # the action is met (recruitment); no transfer is described
    assert s.facts.get("action.transfer") is None
    e = grade(s, "palermo", {"action": ElementAnswer(mark="met", facts=["action.transfer"])}).elements["action"]
    assert e.correct and e.sufficient is False and e.fact_score == 0.0
    assert [(n.fact, n.verdict) for n in e.facts if n.picked] == [("action.transfer", "not_stated")]


def test_wrong_picks_say_what_the_scenario_states():
    s = scenario("organ-removal-02-unknowns")  # force stated false, deception unknown
    e = grade(s, "palermo", {"means": ElementAnswer(mark="cant_tell", facts=["means.use_of_force", "means.deception"])})
    verdicts = {n.fact: n.verdict for n in e.elements["means"].facts}
    assert verdicts == {"means.use_of_force": "stated_false", "means.deception": "not_stated"}
    assert e.elements["means"].correct and e.elements["means"].fact_score == 0.0


def test_each_fact_of_the_feedback_quotes_its_sentence():
    s = scenario("familial-01")
    fb = grade(s, "palermo", right_marks(s, "palermo", {"means": CHILD_MEANS}))
    notes = [n for e in fb.elements.values() for n in e.facts]
    assert notes and all(n.quote == s.evidence.get(n.fact) for n in notes)
    payments = next(n for n in notes if n.fact == "means.payments_to_controller")
    assert payments.quote and payments.quote in s.narrative and "the men paid him" in payments.quote
    assert payments.label == vocabulary().label("means.payments_to_controller")


def test_relied_on_keeps_what_a_waived_element_s_rule_found():
    """For a child the means are not required, and satisfied_by is empty; the exercise still
    needs the means the rule found (the 14-year-old's case: payments, a parent's authority)."""
    result = evaluate(scenario("familial-01"), "palermo")
    means = result.elements["means"]
    assert means.status == "not_required" and means.satisfied_by == []
    assert {"means.payments_to_controller", "means.abuse_of_power"} <= set(relied_on(result, "means"))
    met = result.elements["action"]
    assert met.status == "met" and relied_on(result, "action") == met.satisfied_by


# ---------------------------------------------------------------- a session's attempts and the CSV


AT = datetime(2026, 3, 14, 9, 26, 53, tzinfo=timezone.utc)


def test_resubmitting_replaces_the_attempt():
    s, t = scenario("loverboy-01"), scenario("pimp-control-01")
    first = grade(s, "palermo", {}, trainee="Ana", time=AT)
    attempts = record(record([], first), grade(t, "palermo", {}, trainee="Ana", time=AT))
    again = grade(s, "palermo", perfect(s, "palermo"), trainee=" ana ", time=AT + timedelta(minutes=5))
    attempts = record(attempts, again)
    assert [a.scenario_id for a in attempts] == ["loverboy-01", "pimp-control-01"], "replaced in its place"
    assert attempts[0].score == 1.0 and attempts[0].trainee == "ana"
    assert summarize(attempts).mean_score == round((1.0 + attempts[1].score) / 2, 4), "not averaged in"
    # Another trainee, or another framework, is another attempt.
    assert len(record(attempts, grade(s, "palermo", {}, trainee="Ben"))) == 3
    assert len(record(attempts, grade(s, "us", {}, trainee="Ana"))) == 3


def test_csv_has_the_trainee_and_the_time_and_keeps_its_columns():
    old = ["attempt", "scenario_id", "scenario_title", "framework", "element", "your_mark", "engine_status",
           "correct", "provision", "facts_you_picked", "facts_in_scenario", "facts_found", "facts_missed",
           "facts_extra", "fact_score", "attempt_score", "outcome"]
    assert CSV_COLUMNS[:len(old)] == old and {"trainee", "time"} <= set(CSV_COLUMNS)
    s = scenario("familial-01")
    attempts = record([], grade(s, "palermo", {}, trainee="Ana Lima", time=AT))
    answers = {**right_marks(s, "palermo", {"action": ["action.harbouring"], "purpose": ["purpose.forced_labour"]}),
               "means": ElementAnswer(mark="met", facts=CHILD_MEANS)}
    attempts = record(attempts, grade(s, "palermo", answers, trainee="Ana Lima", time=AT + timedelta(minutes=2)))
    rows = list(csv.DictReader(io.StringIO(to_csv(attempts))))
    assert len(rows) == 3, "the resubmission replaced the first attempt"
    assert {r["trainee"] for r in rows} == {"Ana Lima"}
    assert {datetime.fromisoformat(r["time"]) for r in rows} == {AT + timedelta(minutes=2)}
    means = next(r for r in rows if r["element"] == "means")
    assert means["correct"] == "yes" and means["facts_enough"] == "yes" and means["attempt_score"] == "1.00"
    assert "means.payments_to_controller" in means["facts_found"]


def test_the_time_is_the_moment_of_grading():
    before = datetime.now(timezone.utc).replace(microsecond=0)
    fb = grade(scenario("loverboy-01"), "palermo", {})
    assert before <= fb.time <= datetime.now(timezone.utc) and fb.time.tzinfo is not None


def test_a_trainee_name_is_one_line_of_limited_length():
    s = scenario("loverboy-01")
    assert grade(s, "palermo", {}, trainee="  Ana\n\tLima\x07 ").trainee == "Ana Lima"
    assert grade(s, "palermo", {}).trainee == ""
    with pytest.raises(ValidationError, match="trainee"):
        grade(s, "palermo", {}, trainee="x" * 81)
    rows = list(csv.reader(io.StringIO(to_csv([grade(s, "palermo", {}, trainee="=cmd()")]))))
    assert rows[1][CSV_COLUMNS.index("trainee")] == "'=cmd()"


@pytest.mark.parametrize("fw", framework_ids())
def test_every_sufficient_answer_in_the_library_scores_full_marks(fw):
    """The issue's pattern across the library: every mark right, the facts the engine relied on
    for the action and the purpose, and one means that meets the means on its own."""
    for path in sorted((rules_dir() / "scenarios").glob("*.yaml")):
        s = load_scenario(path)
        result = evaluate(s, fw)
        if result.elements["means"].status != "met":
            continue
        key = {role: answer_key(s, fw, role, result) for role in ROLES}
        one = next((f for f in key["means"] if rule_value_with_only(s, fw, "means", [f]) == "true"), None)
        if one is None:
            continue
        fb = grade(s, fw, right_marks(s, fw, {"action": key["action"], "means": [one], "purpose": key["purpose"]}))
        assert fb.score == 1.0, (path.stem, fw, {r: e.facts_message for r, e in fb.elements.items()})
