"""`elements batch --jobs N`: the lines are answered by N processes, and what comes out is what
one process writes: the same lines, in input order, with the same refusals, summary and exit
code. And the fast serializer batch uses writes exactly the contract's JSON."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from elements import evaluate
from elements.packs import framework_ids
from elements.serialize import result_json
from elements.vocabulary import vocabulary

ELEMENTS = str(Path(sys.executable).with_name("elements"))


def scenarios(count: int, seed: int) -> list[dict]:
    """Varied scenarios: any facts of the vocabulary, true, false or left out, and any age."""
    rng = random.Random(seed)
    ids = list(vocabulary().ids)
    out = []
    for _ in range(count):
        facts = {fact: rng.choice([True, False]) for fact in rng.sample(ids, rng.randint(0, 12))}
        out.append({"person": {"age": rng.choice([None, 9, 16, 17, 18, 30, 70])}, "facts": facts})
    return out


def batch_file(tmp_path: Path, count: int) -> Path:
    """`count` scenario lines with a refused line and blank lines among them."""
    lines = [json.dumps(s) for s in scenarios(count, seed=5)]
    lines[3] = "not json"
    lines[450] = json.dumps({"facts": {"action.nope": True}})
    lines[451] = ""
    lines[count - 1] = "   "
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def batch(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([ELEMENTS, "batch", *argv], capture_output=True, text=True, timeout=300)


def test_two_processes_write_what_one_writes(tmp_path):
    path = batch_file(tmp_path, 1000)  # over the line count from which workers start
    one, two = batch(str(path), "-f", "uk", "--jobs", "1"), batch(str(path), "-f", "uk", "--jobs", "2")
    assert one.returncode == two.returncode == 2, (one.stderr[-500:], two.stderr[-500:])
    assert two.stdout == one.stdout and two.stderr == one.stderr
    rows = [json.loads(line) for line in two.stdout.splitlines()]
    assert [row["line"] for row in rows] == [n for n in range(1, 1001) if n not in (452, 1000)]
    assert "error" in rows[3] and "error" in rows[450] and rows[0]["framework"] == "uk"
    assert two.stderr.splitlines()[-1] == f"elements: {path}: 996 evaluated, 2 refused, 2 blank"


def test_the_default_uses_the_cores_and_still_writes_in_order(tmp_path):
    path = batch_file(tmp_path, 900)
    default, one = batch(str(path), "-f", "palermo"), batch(str(path), "-f", "palermo", "-j", "1")
    assert default.stdout == one.stdout and default.returncode == one.returncode == 2


@pytest.mark.parametrize("jobs", ["0", "-3", "two"])
def test_jobs_must_be_a_whole_number_of_one_or_more(tmp_path, jobs):
    path = batch_file(tmp_path, 500)
    done = batch(str(path), "-f", "palermo", "--jobs", jobs)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert "--jobs" in done.stderr and jobs in done.stderr, done.stderr


def test_the_fast_serializer_writes_the_contracts_json():
    """Every framework, on scenarios drawn at random: result_json is model_dump_json, to the byte
    (the results share their steps and findings, so the cache is exercised too)."""
    for framework in framework_ids():
        for scenario in scenarios(300, seed=len(framework)):
            result = evaluate(scenario, framework)
            assert result_json(result) == result.model_dump_json(), (framework, scenario)
