"""The rulesets durable-rules builds: a shape it misreads is never emitted, every pack builds
under perturbed heaps, and a refusal reaches a person as one line (issue 12, item 1).

durable-rules 2.0.28 builds the node of an `$or` without setting its right-hand value and
reads that value when the `$or` sits directly inside `$iany` / `$iall`: whether it then refuses
the ruleset (error 102) depends on what the heap held before. glibc's malloc.perturb fills
fresh memory with a chosen byte, which makes the failure reproducible.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from elements.packs import framework_ids

TESTS = Path(__file__).parent


def _lists_tests(node, inside_list_test: bool = False):
    """Yield every ($or, path) found at any depth inside an $iany / $iall test."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$or" and inside_list_test:
                yield key
            yield from _lists_tests(value, inside_list_test or key in ("$iany", "$iall"))
    elif isinstance(node, list):
        for item in node:
            yield from _lists_tests(item, inside_list_test)


def _definition(framework: str) -> dict:
    from elements.api import compiled

    return json.loads(compiled(framework).ruleset.definition_text)


@pytest.mark.parametrize("framework", framework_ids())
def test_no_or_inside_a_list_test(framework):
    definition = _definition(framework)
    some_tests = [rule for rule in definition.values() if "$iany" in json.dumps(rule)]
    assert some_tests, "expected list tests in every pack"
    assert not list(_lists_tests(definition)), f"{framework}: $or inside $iany/$iall"


def test_the_structural_check_sees_the_shape_it_forbids():
    bad = {"r": {"all": [{"m": {"$iany": {"T": {"$or": [{"$i": "a"}, {"$i": "b"}]}}}}]}}
    assert list(_lists_tests(bad)) == ["$or"]


def test_several_facts_fire_their_rule_once():
    from elements import evaluate

    result = evaluate({"person": {"age": 30}, "facts": {
        "action.recruitment": True, "action.transportation": True, "action.harbouring": True}})
    action_steps = [s for s in result.explanation if s.rule == "palermo.action"]
    assert len(action_steps) == 1
    assert set(result.elements["action"].satisfied_by) == {"action.recruitment", "action.transportation", "action.harbouring"}


FULL_MATCH = """
    import json
    import durable_rules_engine as dre
    from elements.engine import NOT_HANDLED, SENTINEL
    rule = {"r": {"all": [{"m": {"$and": [{"kind": "s"}, {"$iany": {"T": {"$mt": {"$i": "a|b"}}}}]}}]}}
    handle = dre.create_ruleset("elements_test_full_match", json.dumps(rule))
    fired = {}
    for number, items in enumerate([["aa"], ["ba"], [], ["b"], ["a", "b"]]):
        sid = str(number)
        code, state = dre.assert_fact(handle, json.dumps({"sid": sid, "kind": "s", "T": [SENTINEL, *items]}))
        if code == NOT_HANDLED:  # no rule matched: there is no session to act on or delete
            fired["".join(items)] = False
            continue
        started = dre.start_action_for_state(handle, state)
        fired["".join(items)] = bool(started and started[1])
        if fired["".join(items)]:
            dre.complete_and_start_action(handle, state)
        dre.delete_state(handle, sid)
    print(json.dumps(fired, sort_keys=True))
"""


def test_the_list_test_is_a_full_match():
    """`$mt` inside `$iany` stands for 'one of these codes' and nothing longer: 'a|b' must not
    match 'aa' or 'ba' (codes grow to two letters past 62 facts), nor the sentinel. Run in a
    subprocess: durable-rules crashes the process rather than raising on misuse."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(FULL_MATCH)], capture_output=True,
                          text=True, timeout=60, cwd=TESTS)
    assert done.returncode == 0, done.stderr[-1500:]
    assert json.loads(done.stdout) == {"aa": False, "ba": False, "": False, "b": True, "ab": True}


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
