"""durable-rules hazards the engine designs around: threads, session leaks, interrupted
actions. Each runs in a subprocess, so a crash fails the test instead of killing pytest."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

TESTS = Path(__file__).parent


def run_python(code: str, timeout: int = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
        timeout=timeout, cwd=TESTS,
    )


CONCURRENT = """
    import random, threading, sys
    from elements import evaluate, validate_scenario
    from oracle_palermo import ACTIONS, MEANS, PURPOSES, palermo
    ids = ACTIONS + MEANS + PURPOSES + ["consent.given"]
    errors = []
    def worker(seed):
        rng = random.Random(seed)
        for _ in range(150):
            facts = {k: rng.choice([True, False, None]) for k in rng.sample(ids, 8)}
            age = rng.choice([None, 12, 18, 40])
            result = evaluate({"person": {"age": age}, "facts": facts})
            expected = palermo(facts, age)
            if result.outcome != expected["outcome"] or {k: v.status for k, v in result.elements.items()} != expected["elements"]:
                errors.append((facts, age, result.outcome, expected["outcome"]))
    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print("wrong", len(errors))
    sys.exit(1 if errors else 0)
"""


def test_eight_threads_get_correct_results_without_crashing():
    for attempt in range(3):
        done = run_python(CONCURRENT)
        assert done.returncode == 0, f"run {attempt}: exit {done.returncode}\n{done.stdout}\n{done.stderr[-2000:]}"
        assert "wrong 0" in done.stdout


def test_sessions_are_deleted_past_the_1024_limit():
    done = run_python("""
        from elements import evaluate
        for i in range(3000):
            r = evaluate({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
            assert r.outcome == "all_elements_met", i
        print("ok")
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ok" in done.stdout


def test_an_interrupted_evaluation_leaves_the_engine_usable():
    done = run_python("""
        from elements import evaluate
        from elements.api import compiled
        ruleset = compiled("palermo").ruleset
        saved = dict(ruleset._firings)
        ruleset._firings.clear()  # the next evaluation fails mid-action
        try:
            evaluate({"facts": {"action.recruitment": True}})
        except KeyError:
            pass
        else:
            raise SystemExit("expected the evaluation to fail")
        ruleset._firings.update(saved)
        for i in range(2000):
            assert evaluate({"person": {"age": 30}, "facts": {"action.recruitment": True}}).outcome == "undetermined"
        print("ok")
    """)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert "ok" in done.stdout


def test_a_deeply_nested_test_is_split_so_the_engine_stack_does_not_overflow(tmp_path):
    """Nested any_of/all_of multiply durable-rules branches; past its internal stack (error
    303) the engine corrupts memory. The compiler splits such tests into hidden parts."""
    import shutil
    import yaml
    from elements.yamlfile import rules_dir

    for name in ("vocabulary.yaml", "caveats.yaml", "referrals.yaml", "frameworks.yaml"):
        shutil.copy(rules_dir() / name, tmp_path / name)
    pack = yaml.safe_load((rules_dir() / "palermo.yaml").read_text())
    purpose = next(r for p in pack["provisions"] for r in p.get("rules", []) if r.get("role") == "purpose")
    purposes = purpose["test"]["any_of"]
    purpose["test"] = {"any_of": purposes + [
        {"all_of": [{"any_of": ["means.use_of_force", "means.threat_of_force", "means.deception"]},
                    {"any_of": ["purpose.begging", "purpose.criminal_activities"]}]},
        {"all_of": [{"any_of": ["means.fraud", "means.abduction"]},
                    {"any_of": ["purpose.begging", "purpose.illegal_adoption", "purpose.forced_marriage"]}]},
    ]}
    (tmp_path / "palermo.yaml").write_text(yaml.safe_dump(pack, sort_keys=False))
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import random
        from elements import evaluate
        from elements.api import compiled
        from elements.vocabulary import vocabulary
        assert compiled("palermo").program.hidden, "expected the nested test to be split"
        rng = random.Random(3)
        ids = vocabulary().ids
        for i in range(3000):
            facts = {k: rng.choice([True, False, None]) for k in rng.sample(ids, 12)}
            result = evaluate({"facts": facts}, "palermo")
            assert not any("__" in s.rule for s in result.explanation)  # hidden parts stay inside
        forced = evaluate({"facts": {"means.deception": True, "purpose.begging": True}}, "palermo")
        assert forced.elements["purpose"].status == "met"
        assert sorted(forced.elements["purpose"].satisfied_by) == ["means.deception", "purpose.begging"]
        print("ok")
    """)], capture_output=True, text=True, timeout=240, env={**__import__("os").environ, "ELEMENTS_RULES": str(tmp_path)})
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2000:]}"
    assert "ok" in done.stdout
