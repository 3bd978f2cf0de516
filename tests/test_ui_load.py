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
    assert plain(at.error[0].value) == "This file cannot be loaded. big.yaml: is larger than 1 MB, the limit for this file"


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


# ---------------------------------------------------------------- a trainer's own set


def own_file(stem: str, new_id: str, title: str) -> bytes:
    """A library scenario as a trainer's own: the same file with an id and a title of its own."""
    import yaml

    from elements.api import scenario_files

    path = next(p for p in scenario_files() if p.stem == stem)
    data = yaml.safe_load(path.read_text())
    data.update(id=new_id, title=title)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def zip_of(entries: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def upload_many(at, files):
    at.file_uploader(key="load.upload").set_value([(name, data, "application/octet-stream") for name, data in files])
    return ok(at.run())


SET = [
    ("course.zip", zip_of({"week1/rent.yaml": own_file("familial-01", "course-rent", "The rent, week 1"),
                           "week1/harbour.yaml": own_file("loverboy-01", "course-boyfriend", "The boyfriend, week 1")})),
    ("extra.yaml", own_file("contrast-smuggling-01", "course-crossing", "The crossing, week 2")),
]
OWN_NAMES = ["The rent, week 1 (your scenario)", "The boyfriend, week 1 (your scenario)",
             "The crossing, week 2 (your scenario)"]


def test_a_set_is_offered_in_the_exercise_the_classroom_and_here_for_the_session():
    at = upload_many(load_page(), SET)
    page = shown(at)
    assert "3 scenarios" in page and "The boyfriend, week 1" in page
    assert not [b for b in at.button if b.key == "load.upload.go"], "a set goes to the session, not the walkthrough"
    at.button(key="load.set.add").click()
    at = ok(at.run())
    assert "Added 3 scenario(s)" in shown(at)
    assert at.selectbox(key="load.library").options[-3:] == OWN_NAMES
    for page_path, key in (("views/exercise.py", "ex.scenario"), ("views/classroom.py", "cls.scenario")):
        at.switch_page(page_path)
        at = ok(at.run())
        options = at.selectbox(key=key).options
        assert options[-3:] == OWN_NAMES, page_path
        at.selectbox(key=key).set_value(len(options) - 2)
        at = ok(at.run())
        assert own_title_shown(at, "The boyfriend, week 1"), page_path
    # The walkthrough takes one of them too, from the picker on this page.
    at.switch_page("views/load.py")
    at = ok(at.run())
    at.selectbox(key="load.library").set_value(len(at.selectbox(key="load.library").options) - 1)
    at = ok(at.run())
    at.button(key="load.library.go").click()
    at = stay_on(ok(at.run()), "views/walkthrough.py")
    assert "Scenario: The crossing, week 2" in shown(at)
    assert draft(at).answers == load_own("course-crossing").facts
    assert new_app("exercise").selectbox(key="ex.scenario").options[-1] not in OWN_NAMES, "this session only"


def own_title_shown(at, title: str) -> bool:
    return any(plain(m.value) == f"**{title}**" or plain(m.value) == f"## {title}" for m in at.markdown)


def load_own(scenario_id: str):
    from elements.scenario_set import read_uploads

    return next(s for s in read_uploads(SET) if s.id == scenario_id)


def test_uploading_the_set_again_replaces_it_and_the_session_can_drop_it():
    at = upload_many(load_page(), SET)
    at.button(key="load.set.add").click()
    at = upload_many(ok(at.run()), SET[1:])
    at.button(key="load.set.add").click()
    at = ok(at.run())
    assert "It replaced your earlier version of: The crossing, week 2" in shown(at)
    assert len(at.session_state["own_scenarios"]) == 3
    at.button(key="load.own.clear").click()
    at = ok(at.run())
    assert at.session_state["own_scenarios"] == []
    assert not set(OWN_NAMES) & set(at.selectbox(key="load.library").options)


@pytest.mark.parametrize("files, named", [
    ([SET[1], ("course.zip", zip_of({"week1/rent.yaml": own_file("familial-01", "course-rent", "R"),
                                     "week1/typo.yaml": b"facts:\n  action.recruitmnt: true\n"}))],
     "course.zip, week1/typo.yaml: facts.action.recruitmnt: unknown fact id"),
    ([SET[1], ("old.json", b'{"person": {"age": 200}}')], "old.json: person.age: must be from 0 to 130"),
    ([SET[1], ("again.yaml", own_file("familial-01", "course-crossing", "Same id"))],
     "again.yaml: id: course-crossing is also the id of the scenario in extra.yaml"),
])
def test_a_bad_set_is_refused_whole_naming_the_file_and_the_field(files, named):
    at = upload_many(load_page(), files)
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and named in errors[0], errors
    assert "nothing was loaded" in errors[0]
    assert not [b for b in at.button if b.key in ("load.set.add", "load.upload.go")]
    assert "own_scenarios" not in at.session_state


def test_a_file_with_a_library_scenarios_id_is_refused_not_mixed_with_it():
    from elements.api import scenario_files

    path = next(p for p in scenario_files() if p.stem == "familial-01")
    at = upload_many(load_page(), [SET[1], (path.name, path.read_bytes())])
    at.button(key="load.set.add").click()
    at = ok(at.run())
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and "id: familial-01 is the id of a scenario of the library" in errors[0], errors
    assert "own_scenarios" not in at.session_state, "nothing added halfway"


def test_a_library_scenario_with_sentences_of_evidence_loads_into_the_walkthrough_and_keeps_them():
    from elements.api import scenario_files

    at = load_page()
    names = at.selectbox(key="load.library").options
    path = next(p for p in scenario_files() if p.stem == "familial-01")
    scenario = load_scenario_file(path)
    assert scenario.evidence, "the library's scenario carries the narrative's sentence for its facts"
    at.selectbox(key="load.library").set_value(names.index(scenario.title))
    at = ok(at.run())
    at.button(key="load.library.go").click()
    at = stay_on(ok(at.run()), "views/walkthrough.py")
    assert draft(at).scenario().evidence == scenario.evidence
    draft(at).answer(next(iter(scenario.evidence)), None)  # a stated fact made unknown: its sentence is left out
    assert next(iter(scenario.evidence)) not in draft(at).scenario().evidence


def load_scenario_file(path):
    from elements import load_scenario

    return load_scenario(path)


def test_an_upload_whose_expected_findings_are_not_the_engines_is_flagged():
    # A 17-year-old recruited for sexual exploitation: Article 3(c) and (d) of Palermo need no
    # means for a child, so every element is met; the file says otherwise by hand.
    stated = GOOD + b"expected:\n  palermo:\n    outcome: undetermined\n    elements:\n      action: met\n"
    at = upload(load_page(), "job.yaml", stated)
    said = [plain(w.value) for w in at.warning]
    assert len(said) == 1 and "outcome: the file says ? undetermined, the engine finds ✔ all elements met" in said[0], said
    assert said[0].count("the file says") == 1, "the action it states is the engine's: not listed"
    assert not upload(load_page(), "job.yaml", GOOD).warning, "a file stating no expectations is not flagged"


def test_an_upload_expecting_findings_under_a_framework_that_does_not_exist_is_told_so():
    at = upload(load_page(), "job.yaml", GOOD + b"expected:\n  narnia:\n    outcome: undetermined\n")
    said = [plain(w.value) for w in at.warning]
    assert len(said) == 1 and "“narnia”, a framework Elements does not have" in said[0], said
