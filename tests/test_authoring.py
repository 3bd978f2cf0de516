"""Writing a scenario (elements.authoring): from an editor's fields to a file of the library's
format that reads back as the same scenario, that `elements check` accepts, and that passes
the checks the library applies to its own files."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

import library_checks as check
from elements import evaluate, load_scenario, parse_scenario
from elements.api import scenario_files
from elements.authoring import (
    LIBRARY_ORDER,
    WIDTH,
    build_scenario,
    complete,
    editable,
    expected_findings,
    file_name,
    slug,
    to_yaml,
    yaml_block,
)
from elements.cli import main
from elements.errors import InputError
from elements.model import Scenario
from elements.packs import framework_ids
from elements.vocabulary import vocabulary

NARRATIVE = (
    "Rosa, 16, answered an advert for a job in a bakery in another town. The man who placed it "
    "paid for her bus ticket and met her at the station. There was no bakery: he took her to a "
    "flat, kept her phone and told her she owed him for the ticket. He arranged for men to come "
    "to the flat and kept the money they paid. She was not allowed to go out alone."
)
FIELDS = dict(
    title="The bakery that was not there",
    narrative=NARRATIVE,
    jurisdiction="gb",
    age=16,
    facts={
        "purpose.prostitution_of_others": True,
        "action.recruitment": True,
        "action.transportation": True,
        "action.receipt": True,
        "action.harbouring": True,
        "means.deception": True,
        "means.other_coercion": True,
        "means.use_of_force": None,  # "Not sure": left out
        "consent.given": False,
        "movement.travel": True,
        "movement.crossed_border": False,
    },
    teaching_notes=(
        "A job offer that turns out to be false is a common way into sexual exploitation. The "
        "deception about the job and the kept phone are means under Palermo Art. 3(a), but Rosa is "
        "16, so under Art. 3(c) none of them need be shown: the recruitment, the transport and the "
        "harbouring for the purpose of the prostitution of others are enough."
    ),
    discussion_questions=["Which of the facts would still matter if Rosa were 19?",
                          "  Why does the kept phone matter?  ", ""],
    sources=["UN Trafficking in Persons Protocol, Art. 3(a), (c)"],
    tags=["typology:false_job_offer"],
    evidence={
        "action.recruitment": "Rosa, 16, answered an advert for a job in a bakery in another town.",
        "action.transportation": "The man who placed it paid for her bus ticket and met her at the station.",
        "action.receipt": "The man who placed it paid for her bus ticket and met her at the station.",
        "action.harbouring": "There was no bakery: he took her to a flat, kept her phone and told her she owed him for the ticket.",
        "means.deception": "There was no bakery: he took her to a flat, kept her phone and told her she owed him for the ticket.",
        "means.other_coercion": "There was no bakery: he took her to a flat, kept her phone and told her she owed him for the ticket.",
        "purpose.prostitution_of_others": "He arranged for men to come to the flat and kept the money they paid.",
        "movement.travel": "The man who placed it paid for her bus ticket and met her at the station.",
    },
)


def authored() -> Scenario:
    return complete(build_scenario(**FIELDS))


# ---------------------------------------------------------------- from the editor's fields


def test_the_editor_fields_make_a_scenario():
    s = build_scenario(**FIELDS)
    assert s.id == "the-bakery-that-was-not-there" and s.jurisdiction == "GB" and s.person.age == 16
    assert "means.use_of_force" not in s.facts, "Not sure is left out: an omitted fact is unknown"
    assert s.facts["consent.given"] is False
    order = vocabulary().ids
    assert list(s.facts) == sorted(s.facts, key=order.index), "facts in the vocabulary's order"
    assert s.discussion_questions == ["Which of the facts would still matter if Rosa were 19?",
                                      "Why does the kept phone matter?"]


@pytest.mark.parametrize("change, field", [
    ({"title": "  "}, "title"),
    ({"id": "Not A Slug"}, "id"),
    ({"age": 131}, "person.age"),
    ({"age": "16"}, "person.age"),
    ({"jurisdiction": "Narnia"}, "jurisdiction"),
    ({"facts": {"action.teleportation": True}}, "facts.action.teleportation"),
    ({"facts": {"action.recruitment": "yes"}}, "facts.action.recruitment"),
    ({"evidence": {"action.recruitment": "A sentence that is not there."}}, "evidence.action.recruitment"),
    ({"evidence": {"means.threat_of_force": "He arranged for men to come to the flat and kept the money they paid."}},
     "evidence.means.threat_of_force"),
])
def test_bad_editor_fields_name_the_field(change, field):
    with pytest.raises(InputError) as caught:
        build_scenario(**{**FIELDS, **change})
    assert caught.value.source == "scenario editor" and caught.value.field == field


def test_slugs():
    assert slug("A mother's boyfriend and the rent") == "a-mother-s-boyfriend-and-the-rent"
    assert slug("Überfahrt nach Malmö — 2024") == "uberfahrt-nach-malmo-2024"
    assert slug("!!!") == "scenario"
    assert len(slug("word " * 40)) <= 60


# ---------------------------------------------------------------- what the engine fills in


def test_the_engine_fills_the_expected_findings_for_every_framework():
    s = authored()
    assert list(s.expected) == framework_ids()
    for fw in framework_ids():
        result = evaluate(s, fw)
        assert s.expected[fw].outcome == result.outcome
        assert dict(s.expected[fw].elements) == {r: e.status for r, e in result.elements.items()}
    assert s.expected["palermo"].elements["means"] == "not_required"  # 16: Art. 3(c)


def test_the_derived_tags_and_a_kind_the_trainer_gave():
    s = authored()
    assert s.tags == ["meets_definition", "child", "typology:false_job_offer"]
    adult = complete(build_scenario(**{**FIELDS, "age": 30, "tags": ["buyer", "child"]}))
    assert adult.tags == ["buyer"], "the trainer's kind is kept; child follows the age"
    unknown = complete(build_scenario(title="Nothing known yet"))
    assert unknown.tags == ["open"] and unknown.expected["palermo"].outcome == "undetermined"


# ---------------------------------------------------------------- the file


def test_a_written_scenario_passes_the_librarys_checks(tmp_path: Path):
    s = authored()
    path = tmp_path / file_name(s)
    path.write_text(to_yaml(s), encoding="utf-8")
    back = load_scenario(path)
    assert back == s
    check.every_check(back, path.stem)


def test_elements_check_accepts_a_written_file(tmp_path: Path, capsys):
    s = authored()
    path = tmp_path / file_name(s)
    path.write_text(to_yaml(s), encoding="utf-8")
    assert main(["check", str(path), "-f", "all"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["outcome"] for r in results] == [s.expected[fw].outcome for fw in framework_ids()]


def test_the_file_reads_like_a_library_file():
    text = to_yaml(authored())
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert keys == [k for k in LIBRARY_ORDER if k in keys] and keys[:2] == ["id", "title"]
    assert "narrative: >-\n  Rosa, 16, answered" in text
    assert "tags: [meets_definition, child, typology:false_job_offer]" in text
    assert "    elements: {action: met, means: not_required, purpose: met}" in text
    assert "  - \"Why does the kept phone matter?\"" in text
    prose = [line for line in text.splitlines() if not line.lstrip().startswith(("- ", '"')) and '"' not in line]
    assert max(len(line) for line in prose) <= WIDTH
    assert text.index("\nexpected:") < text.index("\nevidence:")


def test_unknown_facts_stated_null_stay_null():
    s = Scenario(facts={"means.deception": None, "action.recruitment": True})
    text = to_yaml(s)
    assert "  means.deception: null\n" in text
    assert parse_scenario(text) == s
    assert "person:\n  age: null\n" in text, "an unknown age is written as unknown"


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_library_file_round_trips(path: Path):
    s = load_scenario(path)
    assert parse_scenario(to_yaml(s)) == s


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_every_library_file_opened_in_the_editor_and_written_again_is_the_same(path: Path):
    """What the editor opens a file with, made and completed again: the same scenario, its
    facts stated null still null, its tags in their own order, its expected findings the engine's."""
    s = load_scenario(path)
    again = complete(build_scenario(**editable(s)))
    assert again == s
    assert parse_scenario(to_yaml(again)) == s


def test_a_fact_stated_null_stays_null_unless_answered():
    s = authored().model_copy(update={"facts": {**authored().facts, "means.abduction": None}})
    fields = editable(s)
    assert "means.abduction" in fields["unknown"] and "means.abduction" not in fields["facts"]
    assert complete(build_scenario(**fields)).facts["means.abduction"] is None
    answered = complete(build_scenario(**{**fields, "facts": {**fields["facts"], "means.abduction": True}}))
    assert answered.facts["means.abduction"] is True, "an answer given in the editor wins"
    assert "means.use_of_force" not in authored().facts, "Not sure typed in the editor is still left out"


def test_given_tags_keep_their_order_and_a_derived_one_goes_after_the_kind():
    kept = complete(build_scenario(**{**FIELDS, "tags": ["contrast", "contrast:x", "child"]}))
    assert kept.tags == ["contrast", "contrast:x", "child"]
    added = complete(build_scenario(**{**FIELDS, "tags": ["buyer", "typology:y"]}))
    assert added.tags == ["buyer", "child", "typology:y"]


# Text a block or a quote must carry exactly: breaks YAML 1.1 reads that 1.2 does not (NEL,
# LS), a byte-order mark, indentation, trailing spaces, markers, words YAML reads as values.
PIECES = ["a", "b", " ", "  ", "\n", "\n\n", "\t", "é", "#", ": ", "- ", "? ", "|", ">", "%", "---", "...",
          '"', "'", "\\", "\u2028", "\x85", "\r", "\ufeff", "\U0001F600", "NO", "yes", "null", "1e3", "0o17",
          "~", "[x]", "{y}", "&a", "*a", "!t", "x" * 50]


def test_text_of_every_shape_round_trips():
    rng = random.Random(9)
    for _ in range(400):
        def text() -> str:
            return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14)))
        narrative = "x" + text()  # a quote must have words in it
        s = Scenario.model_validate({
            "id": text(), "title": text(), "narrative": narrative, "teaching_notes": text(),
            "discussion_questions": [text(), text()], "sources": [text()], "tags": [text(), "typology:x"],
            "facts": {"means.deception": True}, "evidence": {"means.deception": narrative},
        })
        written = to_yaml(s)
        assert parse_scenario(written) == s, written


def test_yaml_block_writes_one_key_as_to_yaml_does():
    evidence = {"means.fraud": 'He said "just for a while".'}
    block = yaml_block("evidence", evidence)
    assert block == "evidence:\n  means.fraud: \"He said \\\"just for a while\\\".\"\n"
    assert yaml.safe_load(block) == {"evidence": evidence}


def test_expected_findings_are_the_engines():
    s = load_scenario(scenario_files()[0])
    assert expected_findings(s) == s.expected


def test_the_library_files_state_the_engines_findings_and_a_changed_one_is_named():
    from elements.authoring import expected_differences
    files = scenario_files()
    assert files and all(expected_differences(load_scenario(p)) == [] for p in files)
    scenario = load_scenario(files[0])
    stated = scenario.expected["palermo"]
    wrong = "undetermined" if stated.outcome != "undetermined" else "all_elements_met"
    changed = scenario.model_copy(update={"expected": {**scenario.expected, "palermo": stated.model_copy(update={"outcome": wrong})}})
    [difference] = expected_differences(changed)
    assert (difference.framework, difference.element, difference.stated, difference.found) == \
        ("palermo", None, wrong, stated.outcome)
