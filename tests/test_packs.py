"""The pack format: malformed packs fail to load with one clear message naming file and
path, and a new framework is a data file, not code."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from elements.errors import PackError
from elements.packs import load_pack
from elements.yamlfile import rules_dir

RULES = rules_dir()


def palermo_data() -> dict:
    return yaml.safe_load((RULES / "palermo.yaml").read_text())


def write(folder: Path, data) -> Path:
    path = folder / "palermo.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def error_of(tmp_path: Path, data) -> str:
    path = write(tmp_path, data)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    message = caught.value.line()
    assert message.startswith(str(path)) and "\n" not in message
    return message[len(str(path)) + 2:]


def test_the_shipped_pack_loads():
    pack = load_pack(RULES / "palermo.yaml")
    assert [p.citation for p in pack.provisions] == ["Art. 3(a)", "Art. 3(b)", "Art. 3(c)", "Art. 3(d)"]
    assert all(p.text and p.confidence == "verified" for p in pack.provisions)
    assert pack.provision("art3d").text == '"Child" shall mean any person under eighteen years of age.'


def mutate(change):
    data = palermo_data()
    change(data)
    return data


def rule(data: dict, rule_id: str) -> dict:
    rules = [r for p in data["provisions"] for r in p.get("rules", [])] + data.get("combined", [])
    return next(r for r in rules if r["id"] == rule_id)


# Where each rule sits in rules/palermo.yaml: under the provision it encodes, in Art. 3's order.
ACTION, CHILD, CHILD_EXCEPTION, OUTCOME = ("provisions[0].rules[0]", "provisions[3].rules[0]",
                                            "provisions[2].rules[0]", "combined[0]")

CASES = [
    ("missing field", lambda d: d.pop("title"), "title: is required"),
    ("unknown fact", lambda d: rule(d, "action")["test"]["any_of"].append("action.teleportation"),
     f"{ACTION}.test: unknown fact id action.teleportation"),
    ("unknown rule ref", lambda d: rule(d, "outcome")["test"]["all_of"].append("nonexistent"),
     f"{OUTCOME}.test: no rule with id nonexistent in this pack"),
    ("bad expression", lambda d: rule(d, "action").update(test={"some_of": ["action.recruitment"]}),
     f"{ACTION}.test: must be a fact id, a rule id, or a mapping"),
    ("empty any_of", lambda d: rule(d, "action").update(test={"any_of": []}), f"{ACTION}.test.any_of: "),
    ("missing says", lambda d: rule(d, "action")["says"].pop("unknown"), f"{ACTION}.says.unknown: is required"),
    ("two outcomes", lambda d: rule(d, "action").update(role="outcome"), "exactly one rule must have role"),
    ("bad confidence", lambda d: d["provisions"][0].update(confidence="sure"), "provisions[0].confidence"),
    ("no official link", lambda d: d["provisions"][0].pop("url"), "provisions[0].url: is required"),
    ("bad date", lambda d: d.update(in_force="sometime"), "in_force"),
    ("extra key", lambda d: rule(d, "action").update(colour="red"), f"{ACTION}.colour: is not a field this file may have"),
    ("old flat rules", lambda d: d.update(rules=[]), "rules: is not a field this file may have"),
    ("circle", lambda d: rule(d, "child").update(test="child_exception"), "rules depend on each other in a circle"),
    ("waives nothing", lambda d: rule(d, "child_exception").update(waives="motive"), f"{CHILD_EXCEPTION}.waives"),
    ("joins nothing", lambda d: rule(d, "outcome").update(joins=["art9"]), "combined[0].joins: no provision with id art9"),
    ("caveat wording for no caveat", lambda d: d.update(caveats={"no_such": {"text": "x"}}), "caveats.no_such: is not a caveat"),
]


@pytest.mark.parametrize("name,change,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_pack_fails_with_file_and_path(tmp_path, name, change, expected):
    assert expected in error_of(tmp_path, mutate(change))


def test_not_yaml_and_not_a_mapping(tmp_path):
    assert "line" in error_of(tmp_path, "rules: [\n")
    assert "(top level): must be a mapping" in error_of(tmp_path, "- 1\n")
    assert "is empty" in error_of(tmp_path, "")


def test_file_name_must_match_framework(tmp_path):
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(palermo_data()))
    with pytest.raises(PackError, match="framework: is 'palermo' but the file is named other.yaml"):
        load_pack(path)


TINY_PACK = """\
framework: tiny
title: A tiny test framework
short_title: Tiny
instrument: Test instrument
version: test
in_force: 2020-01-01
source: written for this test
confidence: unconfirmed
summary: Recruitment for forced labour, by deception, or of anyone under 16.
provisions:
  - id: s1
    citation: "s.1"
    text: "Recruiting a person by deception for forced labour."
    confidence: unconfirmed
    source: test
    url: "https://www.legislation.gov.uk/"
    rules:
      - id: action
        role: action
        test: action.recruitment
        says: {true: "recruited", false: "not recruited", unknown: "recruitment unknown"}
      - id: means
        role: means
        test: means.deception
        says: {true: "deceived", false: "not deceived", unknown: "deception unknown"}
      - id: purpose
        role: purpose
        test: purpose.forced_labour
        says: {true: "forced labour", false: "no forced labour", unknown: "purpose unknown"}
      - id: young
        role: child
        test: {age_under: 16}
        says: {true: "under 16", false: "16 or over", unknown: "age unknown"}
      - id: no_means_for_the_young
        waives: means
        test: young
        says: {true: "no means needed", false: "means needed", unknown: "maybe needed"}
      - id: outcome
        role: outcome
        test: {all_of: [action, purpose, {any_of: [means, young]}]}
        says: {true: "all met", false: "not all met", unknown: "open"}
"""


def test_a_new_framework_is_a_data_file(tmp_path, monkeypatch):
    for name in ("vocabulary.yaml", "caveats.yaml", "referrals.yaml", "frameworks.yaml"):
        shutil.copy(RULES / name, tmp_path / name)
    (tmp_path / "tiny.yaml").write_text(TINY_PACK)
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    from elements import evaluate
    from elements.packs import framework_ids

    assert framework_ids() == ["tiny"]
    facts = {"action.recruitment": True, "purpose.forced_labour": True}
    assert evaluate({"person": {"age": 15}, "facts": facts}, "tiny").outcome == "all_elements_met"
    sixteen = evaluate({"person": {"age": 16}, "facts": facts}, "tiny")
    assert sixteen.outcome == "undetermined" and sixteen.child is False  # its own age line
    assert sixteen.child_line == 16
    assert sixteen.elements["means"].status == "unknown"
    deceived = evaluate({"person": {"age": 40}, "facts": {**facts, "means.deception": True}}, "tiny")
    assert deceived.outcome == "all_elements_met"
    assert [s.rule for s in deceived.explanation if s.rule.endswith("outcome")] == ["tiny.outcome"]
    assert evaluate({"person": {"age": 40}, "facts": {**facts, "means.deception": False}}, "tiny").outcome == "not_all_elements_met"


def test_a_rules_folder_without_packs_or_caveats_is_reported(tmp_path, monkeypatch, capsys):
    from elements.cli import main

    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path / "nowhere"))
    assert main(["frameworks"]) == 2
    assert "holds no rule packs" in capsys.readouterr().err
    for name in ("vocabulary.yaml", "palermo.yaml", "referrals.yaml", "frameworks.yaml"):
        shutil.copy(RULES / name, tmp_path / name)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("facts: {action.recruitment: true}\n")
    monkeypatch.setenv("ELEMENTS_RULES", str(tmp_path))
    assert main(["check", str(scenario)]) == 2
    assert capsys.readouterr().err == f"elements: {tmp_path / 'caveats.yaml'}: no such file\n"
