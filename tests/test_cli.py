"""The `elements` command: every format, and every kind of invalid input the issue names."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from elements import api, plain
from elements.cli import main
from elements.vocabulary import vocabulary
from ids import assert_no_ids

GOOD = """\
id: loverboy-01
title: A job offer
jurisdiction: US
person:
  age: 16
facts:
  action.recruitment: true
  means.deception: true
  purpose.other_sexual_exploitation: true
  consent.given: true
"""


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_is_the_contract(capsys, good):
    code, out, err = run(capsys, "check", str(good))
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["framework"] == "palermo"
    assert result["outcome"] == "all_elements_met"
    assert set(result["elements"]) == {"action", "means", "purpose"}
    assert result["elements"]["means"]["status"] == "not_required"
    assert result["elements"]["action"]["satisfied_by"] == ["action.recruitment"]
    assert result["child"] is True
    assert {"rule", "citation", "because", "text"} <= set(result["explanation"][0])
    assert any(s["rule"] == "palermo.child" and s["because"] == ["person.age=16"] for s in result["explanation"])
    assert {c["id"] for c in result["caveats"]} >= {"not_legal_advice", "consent_irrelevant"}
    assert result["referrals"][0]["contact"] == "phone 911"
    assert all({"name", "contact", "source"} <= set(r) for r in result["referrals"])


def test_check_json_from_stdin():
    done = subprocess.run([sys.executable, "-m", "elements.cli", "check", "-"], input=GOOD, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "all_elements_met"


def test_check_text_is_a_checklist_with_words(capsys, good):
    code, out, _ = run(capsys, "check", str(good), "--format", "text")
    assert code == 0
    assert "Outcome: ALL ELEMENTS MET" in out
    assert "[    met     ] Action" in out and "[not required] Means" in out
    result = api.evaluate(api.load_scenario(good))
    assert " ".join(plain.summary(result).split()) in " ".join(out.split())
    for step in result.explanation:  # each rule by its label and provision, never its id
        assert f"{plain.rule_name(step)}: " in out
    assert "Caveats" in out and result.caveats[0].text.split()[0] in out
    assert "Where to get help" in out and "911" in out
    assert "is a victim" not in out
    assert_no_ids(out, "check --format text")


def test_check_text_shows_open_questions_and_what_would_change(capsys, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("facts: {action.recruitment: true, purpose.forced_labour: true, means.deception: false}\n")
    code, out, _ = run(capsys, "check", str(path), "--format", "text")
    assert code == 0
    assert "Outcome: UNDETERMINED" in out
    assert "Open questions" in out and vocabulary().age.question in out
    scenario = api.load_scenario(path)
    lines = plain.what_if_lines(api.what_if(scenario, "palermo"), api.evaluate(scenario, "palermo"))
    assert lines and all(" ".join(line.split()) in " ".join(out.split()) for line in lines)
    assert_no_ids(out, "check --format text")


def test_check_markdown(capsys, good):
    code, out, _ = run(capsys, "check", str(good), "--format", "markdown")
    assert code == 0
    assert out.startswith("# Elements: UN Palermo Protocol")
    means = api.evaluate(api.load_scenario(good)).elements["means"]
    assert f"| Means | not required | [{means.citation}]({means.url}) |" in out
    assert "## Caveats" in out and "## Where to get help" in out and "## What would change it" in out
    assert_no_ids(out, "check --format markdown")


def test_narrative_only_when_asked(capsys, tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text("narrative: 'She was promised <b>work</b> | pipes'\nfacts: {action.recruitment: true}\n")
    _, out, _ = run(capsys, "check", str(path), "--format", "markdown")
    assert "promised" not in out
    _, out, _ = run(capsys, "check", str(path), "--format", "markdown", "--narrative")
    assert "promised \\<b\\>work\\</b\\> \\| pipes" in out


def test_several_frameworks_print_an_array(capsys, good):
    code, out, _ = run(capsys, "check", str(good), "-f", "palermo", "palermo")
    assert code == 0
    assert isinstance(json.loads(out), dict)  # the same framework twice is one
    code, out, _ = run(capsys, "check", str(good), "-f", "all")
    assert code == 0
    from elements.packs import framework_ids
    assert [r["framework"] for r in json.loads(out)] == framework_ids()
    assert len(framework_ids()) == 6


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_all_frameworks_side_by_side(capsys, good, fmt):
    code, out, _ = run(capsys, "check", str(good), "-f", "all", "--format", fmt)
    assert code == 0
    for title in ("UN Palermo Protocol", "Modern Slavery Act", "Criminal Code"):
        assert title in out
    assert out.count("Caveats") >= 6  # each framework's own full report follows the table


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_every_framework_side_by_side_names_no_ids(capsys, tmp_path, fmt):
    path = tmp_path / "open.yaml"  # open questions, a whole group of them too
    path.write_text("facts: {action.recruitment: true, means.deception: false}\n")
    code, out, _ = run(capsys, "check", str(path), "-f", "all", "--format", fmt)
    assert code == 0 and "Still open" in out
    assert_no_ids(out, f"check -f all --format {fmt}")


def test_batch_streams_one_result_per_line(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    lines = [
        {"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}},
        {"person": {"age": 30}, "facts": {"action.recruitment": True, "purpose.forced_labour": True, "means.fraud": False}},
        {},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    code, out, err = run(capsys, "batch", str(path), "-f", "palermo")
    assert code == 0 and err == f"elements: {path}: 3 evaluated, 0 refused, 0 blank\n"
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["outcome"] for r in results] == ["all_elements_met", "undetermined", "undetermined"]
    assert [r["line"] for r in results] == [1, 2, 3]
    assert list(results[0])[:3] == ["line", "framework", "framework_title"]  # the contract's result, and its line


def test_batch_reports_a_bad_line_and_goes_on(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text('{"facts": {"action.recruitment": true}}\nnot json\n\n  \n{"facts": {"action.nope": true}}\n{}\n')
    code, out, err = run(capsys, "batch", str(path), "-f", "palermo")
    assert code == 2
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 5, 6]  # blank lines 3 and 4 are counted, not answered
    assert rows[1] == {"line": 2, "error": f"{path}:2: is not a JSON object (Expecting value)"}
    assert rows[2]["error"].startswith(f"{path}:5: facts.action.nope: unknown fact id")
    assert rows[3]["outcome"] == "undetermined"
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"elements: {path}: 2 evaluated, 2 refused, 2 blank"


def test_batch_from_stdin_and_only_one_framework():
    line = json.dumps({"person": {"age": 16}, "facts": {"action.recruitment": True, "purpose.forced_labour": True}})
    done = subprocess.run([sys.executable, "-m", "elements.cli", "batch", "-", "-f", "palermo"],
                          input=line + "\n", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "all_elements_met"
    done = subprocess.run([sys.executable, "-m", "elements.cli", "batch", "-", "-f", "all"],
                          input=line + "\n", capture_output=True, text=True)
    assert done.returncode == 2 and "batch takes exactly one framework" in done.stderr


def test_a_fact_given_twice_is_invalid(tmp_path, capsys):
    path = tmp_path / "twice.yaml"
    path.write_text("facts:\n  action.recruitment: true\n  action.recruitment: false\n")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and err == f"elements: {path}: line 3, column 3: action.recruitment is given twice\n"
    lines = tmp_path / "twice.jsonl"
    lines.write_text('{"facts": {"action.recruitment": true, "action.recruitment": false}}\n')
    code, out, _ = run(capsys, "batch", str(lines), "-f", "palermo")
    assert code == 2 and "action.recruitment is given twice" in json.loads(out)["error"]


def test_frameworks_and_scenarios_list(capsys):
    code, out, _ = run(capsys, "frameworks")
    assert code == 0 and out.startswith("palermo")
    code, out, _ = run(capsys, "frameworks", "--format", "json")
    assert json.loads(out)[0]["framework"] == "palermo"
    code, out, _ = run(capsys, "scenarios", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 40 and {"id", "title", "file", "tags"} <= set(rows[0])
    code, out, _ = run(capsys, "scenarios")
    assert code == 0 and len(out.splitlines()) == len(rows) and "loverboy-01" in out


INVALID = [
    ("unknown_fact.yaml", "facts: {action.recruitmnt: true}\n", "facts.action.recruitmnt: unknown fact id (did you mean action.recruitment?)"),
    ("string_value.yaml", "facts: {action.recruitment: 'yes'}\n", "facts.action.recruitment: must be true, false or null"),
    ("number_value.yaml", "facts: {action.recruitment: 1}\n", "facts.action.recruitment: must be true, false or null"),
    ("age_high.yaml", "person: {age: 131}\n", "person.age: must be from 0 to 130"),
    ("age_negative.yaml", "person: {age: -1}\n", "person.age: must be from 0 to 130"),
    ("age_fraction.yaml", "person: {age: 16.5}\n", "person.age: must be a whole number from 0 to 130, or null when unknown"),
    ("age_text.yaml", "person: {age: sixteen}\n", "person.age: must be a whole number from 0 to 130, or null when unknown"),
    ("age_bool.yaml", "person: {age: true}\n", "person.age: must be a whole number from 0 to 130, or null when unknown"),
    ("malformed.yaml", "facts: [\n", "line 2, column 1"),
    ("malformed.json", '{"facts": {"action.recruitment": tru', "line 1, column 34: is not valid JSON (Expecting value)"),
    ("empty.yaml", "", "is empty"),
    ("blank.yaml", "   \n\n", "is empty"),
    ("list.yaml", "- a\n- b\n", "(top level): must be a mapping of fields, not a list"),
    ("scalar.yaml", "hello\n", "(top level): must be a mapping of fields, not a text"),
    ("unknown_field.yaml", "fact: {action.recruitment: true}\n", "fact: is not a field this file may have"),
    ("bad_country.yaml", "jurisdiction: USA\n", "jurisdiction: USA is not an ISO 3166-1 alpha-2 country code in use"),
    ("octal_age.yaml", "person: {age: 020}\n", "person.age: must be a whole number without a leading zero (20, not 020)"),
    ("yes_value.yaml", "facts: {action.recruitment: yes}\n", "facts.action.recruitment: must be true, false or null"),
    ("facts_list.yaml", "facts: [action.recruitment]\n", "facts: must be a mapping"),
    ("age_in_facts.yaml", "facts: {person.age: 16}\n", "facts.person.age: unknown fact id (the age goes under person: age)"),
]


@pytest.mark.parametrize("name,content,message", INVALID, ids=[i[0] for i in INVALID])
def test_invalid_input_exits_2_with_one_line_naming_file_and_field(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    code, out, err = run(capsys, "check", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"elements: {path}: ")
    assert message in err


def test_binary_garbage(tmp_path, capsys):
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and err == f"elements: {path}: is binary, not a YAML or JSON text file\n"
    path.write_bytes(b"\xff\xfe\xfa oops")
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and "is not UTF-8 text" in err


def test_missing_file_and_folder(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.yaml"))
    assert code == 2 and err == f"elements: {tmp_path / 'nope.yaml'}: no such file\n"
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, err = run(capsys, "batch", str(tmp_path / "nope.jsonl"), "-f", "palermo")
    assert code == 2 and "no such file" in err


def test_unknown_framework(capsys, good):
    code, out, err = run(capsys, "check", str(good), "-f", "narnia")
    assert code == 2 and out == ""
    assert err.startswith("elements: --framework: narnia: is not a known framework (known: palermo")


def test_usage_errors_exit_2_without_traceback():
    for argv in ([], ["check"], ["check", "x.yaml", "--format", "pdf"], ["nonsense"]):
        done = subprocess.run([sys.executable, "-m", "elements.cli", *argv], capture_output=True, text=True)
        assert done.returncode == 2, argv
        assert "Traceback" not in done.stderr and done.stderr.strip(), argv


def test_real_process_prints_no_traceback_on_bad_input(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("person: {age: 200}\n")
    done = subprocess.run([sys.executable, "-m", "elements.cli", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == f"elements: {path}: person.age: must be from 0 to 130\n"
