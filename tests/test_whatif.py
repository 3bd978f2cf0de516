"""What would change it: every answer the framework reads, tried the other way by evaluating
again; pairs only where no single answer changes an element or the outcome. Checked against
evaluate() itself, answer by answer, for every outcome."""
from __future__ import annotations

import pytest

from elements import api, evaluate, plain, validate_scenario
from elements.packs import framework_ids, get_pack
from elements.whatif import AGE, MAX_PAIRS, TARGETS, Flip, apply

from ids import assert_no_ids

LIBRARY = [api.load_scenario(path) for path in api.scenario_files()]


def status(result, target: str) -> str:
    return result.outcome if target == "outcome" else result.elements[target].status


def moved(scenario, flips, framework) -> dict[str, tuple[str, str]]:
    """What evaluate() itself says changes: target -> (before, after)."""
    before, after = evaluate(scenario, framework), evaluate(apply(scenario, flips), framework)
    return {t: (status(before, t), status(after, t)) for t in TARGETS if status(before, t) != status(after, t)}


def expected_flips(scenario, framework) -> set[tuple[str, object]]:
    """Every answer to try, worked out here from the rule: unknown -> yes and no, yes -> no,
    no -> yes, the age across the framework's child line."""
    out = set()
    for fact_id in api.facts_read(framework):
        value = scenario.facts.get(fact_id)
        out |= {(fact_id, True), (fact_id, False)} if value is None else {(fact_id, not value)}
    line = evaluate(scenario, framework).child_line
    age = scenario.person.age
    out |= {(AGE, line - 1), (AGE, line)} if age is None else {(AGE, line if age < line else line - 1)}
    return out


CASES = [
    ({}, "palermo"),
    ({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}}, "palermo"),
    ({"person": {"age": 30}, "facts": {"action.recruitment": True, "means.fraud": False, "purpose.forced_labour": True}}, "palermo"),
    ({"person": {"age": 30}, "facts": {"action.recruitment": False, "means.fraud": False, "purpose.forced_labour": False}}, "us"),
]


@pytest.mark.parametrize("data, framework", CASES)
def test_every_single_answer_is_tried_and_every_listed_change_is_real(data, framework):
    scenario = validate_scenario(data)
    whatif = api.what_if(scenario, framework)
    listed = {(c.flips[0].fact, c.flips[0].after): c for c in whatif.singles}
    for fact, after in expected_flips(scenario, framework):
        flip = Flip(fact=fact, label="", before=scenario.person.age if fact == AGE else scenario.facts.get(fact), after=after)
        truth = moved(scenario, [flip], framework)
        if truth:  # what evaluate() says changes is listed, exactly, with the provision it rests on
            change = listed.pop((fact, after))
            assert {e.target: (e.before, e.after) for e in change.effects} == truth
            new = evaluate(apply(scenario, [flip]), framework)
            outcome = new.step(f"{framework}.{get_pack(framework).role_rule('outcome').id}")
            for e in change.effects:
                source = outcome if e.target == "outcome" else new.elements[e.target]
                assert (e.citation, e.url, e.confidence) == (source.citation, source.url, source.confidence)
        else:
            assert (fact, after) not in listed
    assert not listed, f"listed but never an answer to try: {list(listed)}"


def test_only_facts_the_framework_reads_are_tried():
    scenario = validate_scenario({})
    for framework in framework_ids():
        read = set(api.facts_read(framework)) | {AGE}
        whatif = api.what_if(scenario, framework)
        assert {f.fact for c in whatif.singles + whatif.pairs for f in c.flips} <= read


def test_an_unknown_is_never_what_a_fact_is_changed_to():
    for scenario in LIBRARY[:10]:
        for change in api.what_if(scenario).singles:
            assert all(f.after is not None for f in change.flips)


def test_every_outcome_gets_what_would_change_it_in_labels_and_provisions():
    outcomes = set()
    for scenario in LIBRARY:
        for framework in framework_ids():
            result = evaluate(scenario, framework)
            whatif = api.what_if(scenario, framework)
            outcomes.add(result.outcome)
            lines = plain.what_if_lines(whatif, result)
            assert lines
            assert_no_ids("\n".join(lines), f"{scenario.id} {framework}")
            for change in whatif.singles + whatif.pairs:
                for effect in change.effects:  # each change with the provision it rests on
                    assert any(effect.citation in line for line in lines)
            # an outcome that no single answer changes says so, or gets its pairs
            if not any(e.target == "outcome" for c in whatif.singles for e in c.effects):
                assert "outcome" in whatif.unchanged or any(e.target == "outcome" for c in whatif.pairs for e in c.effects)
    assert outcomes == {"all_elements_met", "not_all_elements_met", "undetermined"}


def test_pairs_only_where_no_single_answer_changes_the_target_and_each_is_real():
    # Action met twice over: no single "no" changes it, two together do.
    facts = api.element_facts("palermo", "action")[:2]
    scenario = validate_scenario({"person": {"age": 30}, "facts": {facts[0]: True, facts[1]: True, "means.fraud": True,
                                                                   "purpose.forced_labour": True}})
    whatif = api.what_if(scenario, "palermo")
    singles = {e.target for c in whatif.singles for e in c.effects}
    assert "action" not in singles and whatif.pairs
    both = next(c for c in whatif.pairs if {f.fact for f in c.flips} == set(facts))
    assert {e.target for e in both.effects} >= {"action"}
    for pair in whatif.pairs:
        # each pair says what evaluate() finds it changes that no single answer does
        truth = {t: v for t, v in moved(scenario, pair.flips, "palermo").items() if t not in singles}
        assert truth and {e.target: (e.before, e.after) for e in pair.effects} == truth
        for flip in pair.flips:  # and neither answer alone does it
            assert not set(moved(scenario, [flip], "palermo")) & set(truth)
    assert whatif.pairs_tried <= MAX_PAIRS


def test_two_elements_not_met_are_moved_together_by_a_pair():
    scenario = validate_scenario({"person": {"age": 30}, "facts": {
        **{f: False for f in api.element_facts("palermo", "action")},
        **{f: False for f in api.element_facts("palermo", "means")},
        "purpose.forced_labour": True}})
    whatif = api.what_if(scenario, "palermo")
    assert not any(e.target == "outcome" for c in whatif.singles for e in c.effects)
    outcome_pairs = [c for c in whatif.pairs if any(e.target == "outcome" for e in c.effects)]
    assert outcome_pairs and all(moved(scenario, c.flips, "palermo")["outcome"][1] == "all_elements_met" for c in outcome_pairs)


def test_the_scenario_itself_is_never_changed():
    scenario = LIBRARY[0]
    copy = scenario.model_copy(deep=True)
    api.what_if(scenario)
    assert scenario == copy
