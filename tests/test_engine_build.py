"""The rulesets durable-rules builds: a shape it misreads is never emitted, every pack builds
under perturbed heaps, and a refusal reaches a person as one line (issue 12, item 1).

durable-rules 2.0.28 builds the node of an `$or` without setting its right-hand value and
reads that value when the `$or` sits directly inside `$iany` / `$iall`: whether it then refuses
the ruleset (error 102) depends on what the heap held before. glibc's malloc.perturb fills
fresh memory with a chosen byte, which makes the failure reproducible. The engine now tests
facts as one string of values with regular expressions, and emits no `$or`, `$iany` or
`$iall` at all.
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from elements.packs import framework_ids

TESTS = Path(__file__).parent
FORBIDDEN = ("$or", "$iany", "$iall")


def _forbidden(node):
    """Yield every `$or`, `$iany` or `$iall` key found at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FORBIDDEN:
                yield key
            yield from _forbidden(value)
    elif isinstance(node, list):
        for item in node:
            yield from _forbidden(item)


def _definition(framework: str) -> dict:
    from elements.api import compiled

    return json.loads(compiled(framework).ruleset.definition_text)


@pytest.mark.parametrize("framework", framework_ids())
def test_no_shape_durable_rules_misreads(framework):
    definition = _definition(framework)
    fact_tests = [rule for rule in definition.values() if '"$mt": {"s":' in json.dumps(rule)]
    assert fact_tests, "expected fact tests in every pack"
    assert not list(_forbidden(definition)), f"{framework}: $or, $iany or $iall in the ruleset"


def test_the_structural_check_sees_the_shapes_it_forbids():
    bad = {"r": {"all": [{"m": {"$iany": {"T": {"$or": [{"$i": "a"}, {"$i": "b"}]}}}}]}}
    assert list(_forbidden(bad)) == ["$iany", "$or"]


def test_several_facts_fire_their_rule_once():
    from elements import evaluate

    result = evaluate({"person": {"age": 30}, "facts": {
        "action.recruitment": True, "action.transportation": True, "action.harbouring": True}})
    action_steps = [s for s in result.explanation if s.rule == "palermo.action"]
    assert len(action_steps) == 1
    assert set(result.elements["action"].satisfied_by) == {"action.recruitment", "action.transportation", "action.harbouring"}


# Every fact test the engine can emit, registered in durable-rules itself and matched against
# every assignment of T / F / U to the facts it names; what fires must be what the test means:
# "some" = at least one of the facts has the value, "none" = none of them has it.
ENCODING = """
    import itertools, json, sys
    import durable_rules_engine as dre
    from elements.conditions import FactTest
    from elements.engine import NOT_HANDLED, _atom_condition
    place = {"x": 0, "y": 2, "z": 205}  # gaps, one over durable-rules' longest interval (100)
    tests = [FactTest(q, v, ids) for q in ("some", "none") for v in "TFU"
             for n in (1, 2, 3) for ids in itertools.combinations("xyz", n)]
    rules = {f"r{i}": {"all": [{"m": {"$and": [{"kind": "s"}, _atom_condition(t, place)]}}]}
             for i, t in enumerate(tests)}
    handle = dre.create_ruleset("elements_test_encoding", json.dumps(rules))
    out = {}
    for number, values in enumerate(itertools.product("TFU", repeat=3)):
        for filler in "TFU":  # the facts between and after must not matter
            text = [filler] * 207
            for fact, value in zip("xyz", values):
                text[place[fact]] = value
            sid = f"{number}{filler}"
            code, state = dre.assert_fact(handle, json.dumps({"sid": sid, "kind": "s", "s": "".join(text)}))
            fired = set()
            if code != NOT_HANDLED:
                matched = (dre.start_action_for_state(handle, state) or [None, None])[1]
                while matched:
                    fired.add(int(matched[3:matched.index('"', 2)]))
                    matched = dre.complete_and_start_action(handle, state)
                dre.delete_state(handle, sid)
            out["".join(text)] = sorted(fired)
    print(json.dumps({"tests": [[t.quantifier, t.value, list(t.ids)] for t in tests], "fired": out}))
"""


def test_every_fact_test_means_what_it_says():
    """Run in a subprocess: durable-rules crashes the process rather than raising on misuse."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(ENCODING)], capture_output=True,
                          text=True, timeout=60, cwd=TESTS)
    assert done.returncode == 0, done.stderr[-1500:]
    answer = json.loads(done.stdout)
    place = {"x": 0, "y": 2, "z": 205}
    assert len(answer["fired"]) == 27 * 3
    for text, fired in answer["fired"].items():
        expected = [
            i for i, (quantifier, value, ids) in enumerate(answer["tests"])
            if (quantifier == "some") == any(text[place[f]] == value for f in ids)
        ]
        assert fired == expected, text


BUILD_ALL = """
    import sys
    from elements import evaluate
    from elements.packs import framework_ids
    for fw in framework_ids():
        r = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True}}, fw)
    print("built", len(framework_ids()))
"""


@pytest.mark.parametrize("perturb", [0, 9, 12, 243, 246])
def test_every_pack_builds_under_a_perturbed_heap(perturb, tmp_path):
    env = dict(os.environ, GLIBC_TUNABLES=f"glibc.malloc.perturb={perturb}", PYTHONDONTWRITEBYTECODE="1")
    for name in ("x", "a-longer-script-name-to-move-the-heap"):  # argv changes the heap too
        script = tmp_path / f"{name}.py"
        script.write_text(textwrap.dedent(BUILD_ALL))
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                              timeout=240, cwd=TESTS)
        assert done.returncode == 0, f"perturb={perturb}: {done.stderr[-1500:]}"
        assert f"built {len(framework_ids())}" in done.stdout


def test_a_refused_ruleset_is_one_line_and_exit_2(tmp_path):
    """Whatever makes durable-rules refuse a ruleset, the CLI says so in one line, exit 2."""
    scenario = tmp_path / "s.json"
    scenario.write_text('{"facts": {"action.recruitment": true}}')
    code = f"""
        import sys
        import durable_rules_engine as dre
        def refuse(name, text):
            raise dre.error("Could not create ruleset, error code: 102")
        dre.create_ruleset = refuse
        from elements.cli import main
        sys.exit(main(["check", {str(scenario)!r}]))
    """
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, cwd=TESTS)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "rule engine could not build" in lines[0] and "palermo" in lines[0]


LIST_TESTS_NOT_SHARED = """
    import json, sys
    import durable_rules_engine as dre
    n = int(sys.argv[1])
    # the engine's shape: one regular expression per rule on the string of values, each its own node
    rules = {f"r{i}": {"all": [{"m": {"$and": [{"kind": "s"}, {"$mt": {"s": f"(.{{{i}}}T|T).*"}}]}}]}
             for i in range(n)}
    handle = dre.create_ruleset(f"elements_test_stack_{n}", json.dumps(rules))
    try:
        dre.assert_fact(handle, json.dumps({"sid": "1", "kind": "s", "s": "T" * 100}))
        print("ok")
    except dre.error as exc:
        print(exc)
"""


def test_durable_rules_overflows_on_many_list_tests_at_once():
    """The hazard the shards design around: different tests are different nodes, and a fact
    matching the first test of more than 64 rules at once is refused (error 303)."""
    def run(n):
        return subprocess.run([sys.executable, "-c", textwrap.dedent(LIST_TESTS_NOT_SHARED), str(n)],
                              capture_output=True, text=True, timeout=60).stdout.strip()
    assert run(40) == "ok"
    assert "303" in run(70)


@pytest.mark.parametrize("framework", framework_ids())
def test_no_shard_holds_more_list_tests_than_the_stack(framework):
    from elements.engine import SHARD

    definition = _definition(framework)
    per_shard: dict[int, int] = {}
    for rule in definition.values():
        first = rule["all"][0]
        tests = first.get("m", {}).get("$and", [])
        if tests and tests[0] == {"kind": "scenario"}:
            per_shard[tests[1]["p"]] = per_shard.get(tests[1]["p"], 0) + 1
    assert per_shard and max(per_shard.values()) <= SHARD < 64, per_shard


@pytest.mark.parametrize("framework", framework_ids())
def test_the_widest_scenarios_evaluate(framework):
    """Every fact true (every list test matches), false, or unknown, at every age class: the US
    pack alone has more than 64 rules on the scenario, which overflowed before the shards."""
    from elements import evaluate
    from elements.vocabulary import vocabulary

    for value in (True, False, None):
        for age in (None, 10, 40):
            result = evaluate({"person": {"age": age}, "facts": {f: value for f in vocabulary().ids}}, framework)
            assert result.outcome == {True: "all_elements_met", False: "not_all_elements_met"}.get(value, result.outcome)


# A mixed scenario (found by a random search with the shards turned off) that makes the US pack
# match the first list test of more than 64 rules at once: durable-rules refused it (error 303).
WIDE_US_SCENARIO = {"person": {"age": None}, "facts": {
    "action.recruitment": False,
    "action.transportation": False,
    "action.transfer": True,
    "action.harbouring": False,
    "action.receipt": False,
    "action.enticement": False,
    "action.provision": None,
    "action.obtaining": None,
    "action.advertising": False,
    "action.maintaining": False,
    "action.patronizing": None,
    "action.soliciting": False,
    "action.exchanging_control": True,
    "action.holding": None,
    "action.concealing": True,
    "action.controlling_movements": False,
    "means.threat_of_force": False,
    "means.use_of_force": None,
    "means.other_coercion": True,
    "means.abduction": False,
    "means.fraud": True,
    "means.deception": False,
    "means.abuse_of_power": False,
    "means.abuse_of_vulnerability": False,
    "means.payments_to_controller": False,
    "means.threat_of_serious_harm": None,
    "means.abuse_of_legal_process": True,
    "means.physical_restraint": False,
    "means.causing_fear_for_safety": False,
    "means.chosen_for_vulnerability": None,
    "means.others_likely_to_refuse": True,
    "purpose.prostitution_of_others": None,
    "purpose.other_sexual_exploitation": True,
    "purpose.forced_labour": False,
    "purpose.slavery": False,
    "purpose.practices_similar_to_slavery": True,
    "purpose.servitude": False,
    "purpose.organ_removal": True,
    "purpose.begging": True,
    "purpose.criminal_activities": None,
    "purpose.forced_marriage": False,
    "purpose.illegal_adoption": True,
    "purpose.surrogacy_exploitation": False,
    "purpose.commercial_sex_act": None,
    "purpose.involuntary_servitude": False,
    "purpose.peonage": False,
    "purpose.debt_bondage": False,
    "purpose.work_or_services": False,
    "purpose.benefits_for_others": None,
    "purpose.another_likely_to_exploit": True,
    "consent.given": True,
    "movement.travel": False,
    "movement.crossed_border": True
}}


def test_a_scenario_that_overflowed_the_stack_now_evaluates(tmp_path):
    """In a subprocess: past error 303 durable-rules may crash the process."""
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(WIDE_US_SCENARIO))
    done = subprocess.run([sys.executable, "-m", "elements.cli", "check", str(path), "-f", "us"],
                          capture_output=True, text=True, timeout=120, cwd=TESTS)
    assert done.returncode == 0, done.stderr[-1500:]
    assert json.loads(done.stdout)["outcome"] in ("all_elements_met", "not_all_elements_met", "undetermined")
