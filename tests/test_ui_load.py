"""Loading a scenario: an upload validated as the CLI validates it, or a library scenario."""
from __future__ import annotations

import json

import pytest

from ui_apptest import draft, new_app, ok, open_folds, plain, shown, stay_on, step_title

GOOD = b"""
title: A job abroad
narrative: She was offered a job as a waitress.
jurisdiction: gb
person:
  age: 17
facts:
  action.recruitment: true
  means.deception: null
  purpose.other_sexual_exploitation: true
"""


def load_page():
    at = new_app()
    at.switch_page("views/load.py")
    return ok(at.run())


def upload(at, name, content, mime="application/x-yaml"):
    at.file_uploader(key="load.upload").set_value((name, content, mime))
    return ok(at.run())


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("typo.yaml", b"facts:\n  action.recruitmnt: true\n", "typo.yaml: facts.action.recruitmnt: unknown fact id (did you mean action.recruitment?)"),
        ("age.yaml", b"person:\n  age: 200\n", "age.yaml: person.age: must be from 0 to 130"),
        ("value.json", json.dumps({"facts": {"consent.given": "yes"}}).encode(), "value.json: facts.consent.given: must be true, false or null"),
        ("broken.yaml", b"facts: [unclosed\n", "broken.yaml: line"),
        ("list.yaml", b"- 1\n- 2\n", "list.yaml: (top level): must be a mapping of fields, not a list"),
        ("empty.yaml", b"   \n", "empty.yaml: is empty"),
        ("binary.yaml", b"\x00\x01\x02", "binary.yaml: is binary"),
        ("extra.yaml", b"victim: true\n", "extra.yaml: victim: is not a field this file may have"),
    ],
)
def test_an_invalid_upload_shows_the_clis_message_not_a_traceback(name, content, message):
    at = upload(load_page(), name, content)
    assert not at.exception
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and message in errors[0], errors
    assert not [b for b in at.button if b.key == "load.upload.go"]


def test_an_oversized_upload_is_refused_with_a_message():
    at = upload(load_page(), "big.yaml", b"title: x\n" + b"#" * (1024 * 1024))
    message = plain(at.error[0].value)
    assert message.startswith("This file cannot be loaded. big.yaml: ") and "a scenario file is at most 1.0 MB" in message


def test_an_upload_is_read_as_yaml_1_2_and_a_json_upload_as_json():
    at = upload(load_page(), "norway.yaml", b"jurisdiction: NO\nperson: {age: 17}\n")
    assert "Country: Norway (NO)" in shown(at)  # YAML 1.1 read NO as false
    at = upload(at, "octal.yaml", b"person: {age: 017}\n")  # YAML 1.1 read 017 as 15
    assert "octal.yaml: person.age: must be a whole number without a leading zero (17, not 017)" in plain(at.error[0].value)
    at = upload(at, "yaml.json", b"person: {age: 16}\n")
    assert "yaml.json: line 1, column 1: is not valid JSON" in plain(at.error[0].value)


def test_a_huge_age_is_refused_not_a_traceback():
    at = upload(load_page(), "huge.yaml", b"person: {age: " + b"9" * 5000 + b"}\n")
    assert "huge.yaml: person.age: must be from 0 to 130 (this number has 5,000 digits)" in plain(at.error[0].value)


def test_a_valid_upload_is_previewed_then_loaded_into_the_walkthrough():
    at = upload(load_page(), "job.yaml", GOOD)
    page = shown(at)
    assert "A job abroad" in page and "Age: 17" in page and "Facts answered: 2" in page
    at.button(key="load.upload.go").click()
    ok(at.run())
    assert at.title[0].value == "Walkthrough" and step_title(at) == "The person"
    # The file's null is shown as "Not sure": unknown, as the file says, and not "not answered".
    assert draft(at).answers == {"action.recruitment": True, "means.deception": None,
                                 "purpose.other_sexual_exploitation": True}
    assert at.number_input(key="w.age").value == 17
    assert at.selectbox(key="w.jurisdiction").value == "GB"
    assert "Scenario: A job abroad" in shown(at)
    assert "Child**: yes, under 18 (age 17)" in shown(at)


def test_loading_replaces_earlier_answers_and_widget_values():
    at = new_app()
    at.button(key="nav.next").click()
    ok(at.run())
    at.radio(key="w.action.transfer").set_value("yes")
    ok(at.run())
    at.switch_page("views/load.py")
    ok(at.run())
    upload(at, "job.yaml", GOOD)
    at.button(key="load.upload.go").click()
    ok(at.run())
    assert "action.transfer" not in draft(at).answers
    stay_on(at, "views/walkthrough.py")
    at.button(key="nav.next").click()
    open_folds(ok(at.run()), "action")  # recruitment answered: the other acts are folded away
    assert at.radio(key="w.action.transfer").value is None
    assert at.radio(key="w.action.recruitment").value == "yes"


def test_user_text_from_an_upload_is_shown_escaped():
    hostile = b"title: '![x](http://tracker.example/p.png) :red[alarm] $x$'\nnarrative: '<img src=x onerror=alert(1)> **bold**'\n"
    at = upload(load_page(), "hostile.yaml", hostile)
    raw = "\n".join(m.value for m in at.markdown)
    assert "!\\[x\\](http://" in raw and "\\:red\\[alarm\\]" in raw and "\\$x\\$" in raw
    assert "\\<img src=x onerror=alert(1)\\>" in raw and "\\*\\*bold\\*\\*" in raw
    assert "![x](" not in raw and "<img" not in raw.replace("\\<img", "")


def test_library_scenarios_can_be_picked(monkeypatch, tmp_path):
    import shutil

    from elements.yamlfile import rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules, ignore=shutil.ignore_patterns("scenarios"))
    (rules / "scenarios").mkdir()
    (rules / "scenarios" / "a.yaml").write_bytes(GOOD)
    (rules / "scenarios" / "b.yaml").write_bytes(b"facts:\n  nope: true\n")
    monkeypatch.setenv("ELEMENTS_RULES", str(rules))
    at = load_page()
    box = at.selectbox(key="load.library")
    assert box.options == ["A job abroad", "b.yaml (cannot be loaded)"]
    box.set_value(1)
    ok(at.run())
    assert "b.yaml: facts.nope: unknown fact id" in plain(at.error[0].value)
    at.selectbox(key="load.library").set_value(0)
    ok(at.run())
    at.button(key="load.library.go").click()
    ok(at.run())
    assert draft(at).answers["action.recruitment"] is True


def test_the_library_page_copes_with_an_empty_library(monkeypatch, tmp_path):
    import shutil

    from elements.yamlfile import rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules, ignore=shutil.ignore_patterns("scenarios"))
    monkeypatch.setenv("ELEMENTS_RULES", str(rules))
    assert "The scenario library (rules/scenarios/) has no scenario yet." in shown(load_page())
