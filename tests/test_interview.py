"""elements.interview: which questions can still change an element, and why each is asked."""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from elements import api, interview

VOCAB = api.vocabulary()
GROUPS = ("action", "means", "purpose")


def own_terms(framework: str, group: str) -> list[str]:
    return [f.id for f in VOCAB.in_group(group) if framework in api.frameworks_reading(f.id)]


def conclusions(result) -> tuple:
    return (result.outcome, *(result.elements[role].status for role in ("action", "means", "purpose")))


@pytest.mark.parametrize("framework", api.framework_ids())
def test_why_names_every_rule_of_the_framework_that_tests_the_fact(framework):
    pack = api.get_pack(framework)
    for fact_id in VOCAB.ids:
        line = interview.why_asked(framework, fact_id)
        readers = [r for r in pack.rules if fact_id in VOCAB.facts_in(r.test)]
        for rule in readers:
            assert pack.citation(rule).split()[-1] in line, (fact_id, rule.id, line)
            assert (rule.label or "") in line
        if not readers:
            assert line.startswith(("Not a term of " + pack.short_title, "No framework's rules"))
            for other in api.frameworks_reading(fact_id):
                assert api.get_pack(other).short_title in line


@pytest.mark.parametrize("framework", api.framework_ids())
def test_why_the_age_gives_the_frameworks_child_line(framework):
    pack = api.get_pack(framework)
    line = interview.why_age(framework)
    assert pack.citation(pack.role_rule("child")) in line
    assert f"under {pack.child_line()}" in line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    framework=st.sampled_from(api.framework_ids()),
    group=st.sampled_from(GROUPS),
    age=st.one_of(st.none(), st.integers(10, 40)),
    answers=st.dictionaries(st.sampled_from(VOCAB.ids), st.sampled_from([True, False, None]), max_size=12),
    seed=st.randoms(use_true_random=False),
)
def test_the_questions_folded_away_cannot_change_any_element_or_the_outcome(framework, group, age, answers, seed):
    questions = own_terms(framework, group)
    scenario = api.validate_scenario({"person": {"age": age}, "facts": answers})
    needed = interview.needed(scenario, framework, questions)
    rest = questions[needed:]
    base = {k: v for k, v in answers.items() if k not in rest}
    expected = conclusions(api.evaluate({"person": {"age": age}, "facts": base}, framework))
    combos = list(itertools.product([True, False, None], repeat=len(rest)))
    for values in seed.sample(combos, min(len(combos), 40)):
        result = api.evaluate({"person": {"age": age}, "facts": {**base, **dict(zip(rest, values))}}, framework)
        assert conclusions(result) == expected, (rest, values)
    if needed:  # the line is as early as it can be: one question fewer and an answer would matter
        assert interview.open_facts(framework, scenario.model_copy(update={"facts": {
            k: v for k, v in answers.items() if k not in questions[needed - 1:]}})) & set(questions[needed - 1:])


def test_an_element_met_needs_no_more_of_its_questions():
    acts = own_terms("palermo", "action")
    scenario = api.validate_scenario({"person": {"age": 30}, "facts": {acts[1]: True}})
    assert interview.needed(scenario, "palermo", acts) == 2
    result = api.evaluate(scenario, "palermo")
    assert interview.not_needed(result, "action").startswith(f"Not needed: {result.elements['action'].label} already met by")
    assert interview.needed(api.validate_scenario({"facts": {acts[0]: False}}), "palermo", acts) == len(acts)
