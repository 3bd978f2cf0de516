"""Save and resume: the JSON export ({"scenario": ..., "result": ...}) loads back on the Load page
and in the CLI, so a caseworker can stop and come back. Only the scenario counts: the result
part is ignored, never trusted, and a bad export names the field."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from elements import api, evaluate, plain as plain_words
from elements.cli import main
from elements.errors import InputError
from elements.words import outcome_words
from ui_apptest import new_app, ok, plain, shown, stay_on, walk

import exports  # noqa: E402  (ui/ is on sys.path through ui_apptest)

LIBRARY = [api.load_scenario(path) for path in api.scenario_files()]


def export(scenario, framework="palermo", narrative=False) -> str:
    return exports.json_text(evaluate(scenario, framework), scenario, narrative)


def test_every_library_scenario_comes_back_from_its_export():
    for scenario in LIBRARY:
        loaded = api.parse_scenario(export(scenario, narrative=True), "saved.json")
        assert loaded == scenario, scenario.id
        for framework in ("palermo", "uk"):
            assert evaluate(loaded, framework) == evaluate(scenario, framework)
        # without the narrative, its quotes (the evidence) stay out too, and the rest comes back
        private = api.parse_scenario(export(scenario), "saved.json")
        assert private == scenario.model_copy(update={"narrative": None, "evidence": {}}), scenario.id


def test_the_result_part_is_ignored_never_trusted():
    scenario = LIBRARY[0]
    data = json.loads(export(scenario))
    data["result"] = {"outcome": "all_elements_met", "elements": "forged", "anything": [1, 2]}
    loaded = api.parse_scenario(json.dumps(data), "saved.json")
    assert evaluate(loaded) == evaluate(scenario)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["scenario"]["facts"].update({"action.recruitmnt": True}),
     "saved.json: scenario.facts.action.recruitmnt: unknown fact id (did you mean action.recruitment?)"),
    (lambda d: d["scenario"].update({"person": {"age": 200}}), "saved.json: scenario.person.age: must be from 0 to 130"),
    (lambda d: d["scenario"]["facts"].update({"consent.given": "yes"}),
     "saved.json: scenario.facts.consent.given: must be true, false or null"),
    (lambda d: d.update({"scenario": ["a"]}), "saved.json: scenario: must be a mapping of fields"),
    (lambda d: d.update({"notes": "x"}), "saved.json: notes: is not a field of a saved analysis"),
    (lambda d: d.pop("result"), "saved.json: result: is required in a saved analysis"),
    (lambda d: d["scenario"].update({"scenario": {}}), "saved.json: scenario.scenario: is not a field this file may have"),
])
def test_a_bad_export_names_the_field(change, message):
    data = json.loads(export(LIBRARY[0]))
    change(data)
    with pytest.raises(InputError) as caught:
        api.parse_scenario(json.dumps(data), "saved.json")
    assert caught.value.line().startswith(message)


def test_the_cli_accepts_its_own_export(tmp_path, capsys):
    scenario = LIBRARY[1]
    path = tmp_path / "saved.json"
    path.write_text(export(scenario, "us"))
    assert main(["check", str(path), "-f", "us"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(evaluate(scenario, "us").model_dump_json())
    done = subprocess.run([sys.executable, "-m", "elements.cli", "check", "-", "--format", "text"],
                          input=path.read_text(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = json.loads(path.read_text())
    bad["scenario"]["person"] = {"age": -1}
    path.write_text(json.dumps(bad))
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == f"elements: {path}: scenario.person.age: must be from 0 to 130\n"


def load_page():
    at = new_app()
    at.switch_page("views/load.py")
    return ok(at.run())


def test_resume_from_an_export_on_the_load_page():
    answers = {"action.recruitment": "yes", "means.deception": "no", "purpose.other_sexual_exploitation": "yes",
               "consent.given": "yes"}
    before = walk(new_app(), 24, answers, country="GB")
    page_before = shown(before)
    scenario = api.validate_scenario({"jurisdiction": "GB", "person": {"age": 24}, "facts": {
        "action.recruitment": True, "means.deception": False, "purpose.other_sexual_exploitation": True,
        "consent.given": True}})
    saved = export(scenario).encode()
    at = load_page()  # a new session: nothing carried over but the file
    at.file_uploader(key="load.upload").set_value(("elements-analysis-palermo.json", saved, "application/json"))
    ok(at.run())
    assert not at.error and "Age: 24" in shown(at) and "Facts answered: 4" in shown(at)
    at.button(key="load.upload.go").click()
    ok(at.run())
    assert at.title[0].value == "Walkthrough"
    stay_on(at, "views/result.py")
    ok(at.run())
    page_after = shown(at)
    result = evaluate(scenario)
    changes = lambda page: [line for line in page.splitlines() if line.startswith("If ")]  # noqa: E731
    for page in (page_before, page_after):
        assert f"Outcome: {outcome_words(result.outcome)}." in page and plain_words.summary(result) in page
    assert changes(page_after) and changes(page_after) == changes(page_before)
    assert [c.value for c in before.caption if c.value.startswith("Provision")] == \
           [c.value for c in at.caption if c.value.startswith("Provision")]


def test_a_bad_export_on_the_load_page_names_the_field():
    data = json.loads(export(LIBRARY[0]))
    data["scenario"]["facts"]["means.nope"] = True
    at = load_page()
    at.file_uploader(key="load.upload").set_value(("saved.json", json.dumps(data).encode(), "application/json"))
    ok(at.run())
    assert "saved.json: scenario.facts.means.nope: unknown fact id" in plain(at.error[0].value)
    assert not [b for b in at.button if b.key == "load.upload.go"]
