"""The engine against the independent oracles of coe, eu, us, uk and ca (tests/oracles_frameworks.py).

Two sweeps per framework:
- structure: every three-valued combination of the classes of facts the law treats alike (each
  class true, false, or unknown-mixed), crossed with the age classes (unknown, child, adult,
  exactly 18) and three consent/border answers;
- facts: every fact of the vocabulary's action, means and purpose groups (the framework's own and
  the others'), true or unknown, standing in for its class (or added, when the framework does not
  know it) on a spread of backgrounds from the first sweep - so each fact is seen to count exactly
  as its class does, and a foreign fact not at all.
Each case compares the outcome, the element statuses, the child, the facts named as satisfying
each element and the contract's caveats, and checks that open questions come exactly with an
undetermined outcome.
"""
from __future__ import annotations

import itertools

import pytest

from elements.api import validate_scenario
from elements.api import evaluator
from elements.vocabulary import vocabulary
from oracles_frameworks import ORACLES, STRUCTURE, contract_caveats

FRAMEWORKS = sorted(ORACLES)
AGES = {"unknown": None, "child": 15, "adult": 30, "exactly_18": 18}
CONTEXT = {
    "consented_crossed": {"consent.given": True, "movement.crossed_border": True},
    "refused_stayed": {"consent.given": False, "movement.crossed_border": False},
    "omitted": {},
}
CONTRACT_CAVEATS = {"not_legal_advice", "sex_work_distinction", "smuggling_distinction", "consent_irrelevant"}
T, F, U = "T", "F", "U"


def realise(classes: list[list[str]], values: tuple, carrier: dict | None = None, siblings: dict | None = None) -> dict:
    """Class values -> facts: T = one fact true, F = all false, U = one fact unknown (null), the
    rest false. `carrier` says which fact of a class carries its value (default: the first);
    `siblings` what the other facts of that class are (default: false)."""
    facts: dict = {}
    for index, (members, value) in enumerate(zip(classes, values)):
        lead = (carrier or {}).get(index, members[0])
        for fact in members:
            facts[fact] = (siblings or {}).get(index, False)
        if value == T:
            facts[lead] = True
        elif value == U:
            facts[lead] = None
    return facts


def check(fw: str, run, facts: dict, age, where: str) -> None:
    result = run(validate_scenario({"person": {"age": age}, "facts": facts}))
    want = ORACLES[fw](facts, age)
    got = {role: finding.status for role, finding in result.elements.items()}
    assert (result.outcome, got) == (want["outcome"], want["elements"]), where
    assert result.child == want["child"], where
    for role in ("action", "means", "purpose"):
        assert sorted(result.elements[role].satisfied_by) == want["satisfied_by"][role], f"{where} satisfied_by[{role}]"
    assert {c.id for c in result.caveats} & CONTRACT_CAVEATS == contract_caveats(want, facts, age), where
    # open questions come with an undetermined outcome, and only then, and name open things
    assert bool(result.open_questions) == (result.outcome == "undetermined"), where
    for question in result.open_questions:
        if question == "person.age":
            assert age is None, where
        elif not question.endswith(".*"):
            assert facts.get(question) is None, f"{where}: {question} is not open"
    # the elements and the outcome never contradict each other
    statuses = set(got.values())
    assert (result.outcome == "all_elements_met") == (statuses <= {"met", "not_required"}), where
    if result.outcome == "not_all_elements_met":
        assert "not_met" in statuses, where


def valuations(fw: str) -> list[tuple]:
    return list(itertools.product((T, F, U), repeat=len(STRUCTURE[fw])))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_structure_sweep_agrees_with_oracle(fw):
    run = evaluator(fw)
    classes = STRUCTURE[fw]
    count = 0
    for values in valuations(fw):
        base = realise(classes, values)
        for (age_name, age), (ctx_name, ctx) in itertools.product(AGES.items(), CONTEXT.items()):
            check(fw, run, {**base, **ctx}, age, f"{fw} classes={''.join(values)} age={age_name} context={ctx_name}")
            count += 1
    assert count == 3 ** len(classes) * len(AGES) * len(CONTEXT)


ELEMENT_FACTS = [f.id for f in vocabulary().facts if f.group in ("action", "means", "purpose")] + ["movement.travel"]
BACKGROUNDS = 16  # backgrounds per fact and value, spread evenly over the structure sweep
# (value of the fact, the class value it carries, its class siblings): true among false, unknown
# among false, and true among unknowns (Kleene: one true fact settles its class)
MODES = ((True, T, False), (None, U, False), (True, T, None))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_fact_sweep_agrees_with_oracle(fw):
    run = evaluator(fw)
    classes = STRUCTURE[fw]
    where_is = {fact: index for index, members in enumerate(classes) for fact in members}
    all_values = valuations(fw)
    ages = list(AGES.items())
    for fact in ELEMENT_FACTS:
        for value, mark, sibling in MODES:
            index = where_is.get(fact)
            pool = all_values if index is None else [v for v in all_values if v[index] == mark]
            step = max(1, len(pool) // BACKGROUNDS)
            for n, values in enumerate(pool[::step][:BACKGROUNDS]):
                if index is None:  # a fact this framework's text does not reach
                    facts = {**realise(classes, values), fact: value}
                else:  # the fact carries its class's value in place of the first member
                    facts = realise(classes, values, carrier={index: fact}, siblings={index: sibling})
                age_name, age = ages[n % len(ages)]
                check(fw, run, {**facts, "consent.given": True}, age,
                      f"{fw} {fact}={value} siblings={sibling} classes={''.join(values)} age={age_name}")


def test_every_fact_a_pack_tests_is_in_its_oracle():
    """The sweeps cover what the packs look at: a fact a pack's rules test that its oracle does
    not know would go unchecked by the structure sweep."""
    from elements.api import facts_read

    for fw in FRAMEWORKS:
        known = {fact for members in STRUCTURE[fw] for fact in members}
        informational = {  # facts only explanatory rules test (no element, no outcome depends on them)
            "uk": {"action.recruitment", "action.transportation", "action.transfer", "action.harbouring",
                   "action.receipt", "action.exchanging_control"},
            "ca": {"means.abuse_of_power"},
            "us": set(),
        }.get(fw, set())
        unknown_to_oracle = set(facts_read(fw)) - known - informational - {"consent.given"}
        assert not unknown_to_oracle, f"{fw}: {sorted(unknown_to_oracle)}"
