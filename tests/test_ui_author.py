"""Writing a scenario in the app (ui/views/author.py), driven with AppTest: the fields become a
file of the library's format that reads back as the same scenario, errors name the field as
the editor labels it, the engine's expected findings are shown by label and citation, and the
scenario is used at once in the exercise and the classroom, for this session only. An existing
scenario (the library's, the session's own, an uploaded file) opens in the editor, every field
filled, and downloaded unchanged is the same scenario; a bad file is refused naming it and the
field."""
from __future__ import annotations

import pytest
import yaml

from elements import api
from elements.authoring import build_scenario, complete, to_yaml
from elements.packs import framework_ids
from elements.words import outcome_words
from ids import found_ids
from ui_apptest import new_app, ok, plain, record_downloads, shown, stay_on

import library  # noqa: E402  (ui/ is on sys.path through ui_apptest)

NARRATIVE = (
    "Mia, 15, lived with her aunt. The aunt's friend offered her a job in a nail salon in the city "
    "and drove her there. The salon owner kept her passport. She worked every day without pay and "
    "slept in the back room."
)
FACTS = {  # what the editor is told: Yes / No / Not sure by the vocabulary's questions
    "action.recruitment": "yes", "action.transportation": "yes", "action.harbouring": "yes",
    "means.deception": "yes", "means.use_of_force": "unsure", "means.threat_of_force": "no",
    "purpose.forced_labour": "yes", "consent.given": "no",
}
SENTENCES = {
    "action.recruitment": "The aunt's friend offered her a job in a nail salon in the city and drove her there.",
    "purpose.forced_labour": "She worked every day without pay and slept in the back room.",
}
OPTION = {"yes": True, "no": False, "unsure": None}


@pytest.fixture
def downloads(monkeypatch):
    return record_downloads(monkeypatch)


def write(at, title="A job in a nail salon", narrative=NARRATIVE, facts=FACTS, sentences=SENTENCES, **more):
    at.text_input(key="au.title").set_value(title)
    at.text_area(key="au.narrative").set_value(narrative)
    at.selectbox(key="au.jurisdiction").set_value("GB")
    at.number_input(key="au.age").set_value(15)
    for fact_id, option in facts.items():
        at.radio(key=f"au.fact.{fact_id}").set_value(option)
    ok(at.run())
    for fact_id, sentence in sentences.items():  # offered once the fact is stated and the narrative written
        at.selectbox(key=f"au.evidence.{fact_id}").set_value(sentence)
    at.text_area(key="au.teaching_notes").set_value("Mia is 15: under Art. 3(c) the means need not be shown.")
    at.text_area(key="au.discussion_questions").set_value("Would it change if Mia were 19?\n\nWhy does the passport matter?")
    at.text_area(key="au.sources").set_value("UN Trafficking in Persons Protocol, Art. 3")
    for key, value in more.items():
        at.text_input(key=f"au.{key}").set_value(value)
    return ok(at.run())


def expected():
    return complete(build_scenario(
        title="A job in a nail salon", narrative=NARRATIVE, jurisdiction="GB", age=15,
        facts={k: OPTION[v] for k, v in FACTS.items()},
        teaching_notes="Mia is 15: under Art. 3(c) the means need not be shown.",
        discussion_questions=["Would it change if Mia were 19?", "Why does the passport matter?"],
        sources=["UN Trafficking in Persons Protocol, Art. 3"], evidence=SENTENCES,
    ))


def test_the_facts_are_asked_in_the_walkthroughs_groups_by_their_questions():
    at = new_app("author")
    vocab = api.vocabulary()
    questions = [r.label for r in at.radio]
    assert questions == [f.question for g in vocab.groups for f in vocab.in_group(g.id)]
    groups = [g.title for g in vocab.groups if g.id != "person"]
    assert at.expander[0].label.startswith("Start from an existing scenario")
    assert [e.label for e in at.expander][1:len(groups) + 1] == groups
    assert not found_ids(shown(at)), "a person reads questions, never fact ids"
    assert all(r.value is None for r in at.radio), "nothing pre-selected: no answer is unknown"
    assert not at.get("download_button"), "no file before the scenario has a title"


def test_the_fields_download_as_a_file_that_reads_back_as_the_scenario(downloads):
    at = write(new_app("author"))
    assert not at.error, [e.value for e in at.error]
    text = downloads["au.download"]
    assert text.startswith("id: a-job-in-a-nail-salon\ntitle: \"A job in a nail salon\"\n")
    read = api.parse_scenario(text.encode(), "a-job-in-a-nail-salon.yaml")
    assert read == expected()
    assert "means.use_of_force" not in read.facts, "Not sure is left out: unknown, never No"
    assert read.facts["means.threat_of_force"] is False
    assert read.evidence == SENTENCES
    assert set(read.expected) == set(framework_ids()), "the engine filled in every framework"
    assert "child" in read.tags


def test_the_expected_findings_are_shown_by_label_and_citation():
    at = write(new_app("author"))
    assert "Expected findings" not in shown(at)
    at.button(key="au.findings").click()
    at = ok(at.run())
    page = shown(at)
    scenario = expected()
    for framework in framework_ids():
        result = api.evaluate(scenario, framework)
        assert f"**{result.framework_title}**: {outcome_words(result.outcome)}" in page
        for finding in result.elements.values():
            assert f"{finding.label}: " in page and f"({finding.citation})" in page
    assert "(Art. 3(c))" in page, "the child's means, not required, with its provision"
    assert not found_ids(page)


@pytest.mark.parametrize("more, words", [
    ({"id": "Not A Slug"}, "File name: must be lower-case letters, digits and single hyphens"),
    ({"title": "   "}, None),
])
def test_an_error_names_the_field_in_words(downloads, more, words):
    at = write(new_app("author"), **more)
    if words is None:  # a title of spaces is no title: the page asks for one
        assert "Give the scenario a title" in shown(at) and "au.download" not in downloads
        return
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and words in errors[0], errors
    assert "scenario editor" not in errors[0] and ": id:" not in errors[0]
    assert not at.get("download_button")


def test_a_sentence_no_longer_in_the_narrative_is_asked_again_not_written(downloads):
    at = write(new_app("author"))
    at.text_area(key="au.narrative").set_value(NARRATIVE.replace("nail salon", "bakery"))
    at = ok(at.run())
    assert not at.error
    assert "The sentence chosen for Recruitment is no longer in the narrative" in shown(at)
    read = api.parse_scenario(downloads["au.download"].encode(), "x.yaml")
    assert set(read.evidence) == {"purpose.forced_labour"}


def test_a_library_id_is_refused_naming_the_file_name():
    at = write(new_app("author"), id="familial-01")
    at.button(key="au.add").click()
    at = ok(at.run())
    errors = [plain(e.value) for e in at.error]
    assert errors == ["It cannot be added. File name: familial-01 is the id of a scenario of the library: "
                      "give “A job in a nail salon” an id of its own"]
    assert "own_scenarios" not in at.session_state


def test_the_fields_are_kept_while_visiting_another_page():
    at = write(new_app("author"))
    at.switch_page("views/exercise.py")
    ok(at.run())
    at.switch_page("views/author.py")
    at = ok(at.run())
    assert at.text_input(key="au.title").value == "A job in a nail salon"
    assert at.radio(key="au.fact.means.use_of_force").value == "unsure"
    assert at.selectbox(key="au.evidence.action.recruitment").value == SENTENCES["action.recruitment"]


def test_used_at_once_in_the_exercise_and_offered_in_the_classroom():
    at = write(new_app("author"))
    at.button(key="au.exercise").click()
    at = stay_on(ok(at.run()), "views/exercise.py")
    assert at.title[0].value == "Exercise"
    assert "Mia, 15, lived with her aunt." in shown(at)
    name = "A job in a nail salon (your scenario)"
    chosen = at.selectbox(key="ex.scenario")
    assert chosen.options[chosen.index] == name
    sid, fw = "a-job-in-a-nail-salon", "palermo"
    at.radio(key=f"ex.mark.{sid}.{fw}.action").set_value("met")
    at.radio(key=f"ex.mark.{sid}.{fw}.means").set_value("met")
    at.radio(key=f"ex.mark.{sid}.{fw}.purpose").set_value("met")
    at.multiselect(key=f"ex.facts.{sid}.{fw}.action").set_value(["action.recruitment"])
    at.multiselect(key=f"ex.facts.{sid}.{fw}.means").set_value(["means.deception"])
    at.multiselect(key=f"ex.facts.{sid}.{fw}.purpose").set_value(["purpose.forced_labour"])
    next(b for b in at.button if b.label == "Check my answers").click()
    at = ok(at.run())
    page = shown(at)
    assert "Your score: 100%" in page, "a sufficient answer, and the means present for a child, are right"
    assert f"The narrative: “{SENTENCES['action.recruitment']}”" in page
    assert "also there" in page, "the other facts the engine relied on"
    at.switch_page("views/classroom.py")
    at = ok(at.run())
    assert name in at.selectbox(key="cls.scenario").options
    other = new_app("exercise")  # another session has none of it
    assert name not in other.selectbox(key="ex.scenario").options


# ---------------------------------------------------------------- opening an existing scenario


def library_scenarios() -> list:
    return [e for e in library.entries() if e.scenario is not None]


def open_listed(at, name: str):
    """Open the scenario the opener lists under this name."""
    names = at.selectbox(key="au_open.pick").options  # as the app lists them, the session's own too
    at.selectbox(key="au_open.pick").set_value(names.index(name))
    ok(at.run())
    at.button(key="au_open.pick.go").click()
    return ok(at.run())


def test_every_library_scenario_opened_and_downloaded_unchanged_is_the_same(downloads):
    at = new_app("author")
    for entry in library_scenarios():
        at = open_listed(at, entry.name)
        assert not at.error, (entry.name, [e.value for e in at.error])
        assert f"Opened {entry.name}:" in shown(at)
        again = api.parse_scenario(downloads["au.download"].encode(), entry.path.name)
        assert again == entry.scenario, entry.name


def test_an_opened_scenario_fills_every_field():
    path = next(p for p in api.scenario_files() if p.stem == "case-rantsev-cabaret")
    s = api.load_scenario(path)
    assert None in s.facts.values() and s.evidence and s.discussion_questions and s.sources
    at = write(new_app("author"))  # what the editor held is replaced
    at = open_listed(at, s.title)
    assert at.text_input(key="au.title").value == s.title
    assert at.text_area(key="au.narrative").value == s.narrative
    assert at.selectbox(key="au.jurisdiction").value == s.jurisdiction
    assert at.number_input(key="au.age").value == s.person.age
    for info in api.vocabulary().facts:
        value = s.facts.get(info.id, "absent")
        want = {True: "yes", False: "no", None: "unsure", "absent": None}[value]
        assert at.radio(key=f"au.fact.{info.id}").value == want, info.id
    for fact_id, quote in s.evidence.items():
        assert at.selectbox(key=f"au.evidence.{fact_id}").value == quote
    assert " ".join(at.text_area(key="au.teaching_notes").value.split()) == " ".join(s.teaching_notes.split())
    assert at.text_area(key="au.discussion_questions").value.splitlines() == s.discussion_questions
    assert at.text_area(key="au.sources").value.splitlines() == s.sources
    assert at.text_input(key="au.id").value == s.id
    assert "A job in a nail salon" not in shown(at)


def a_file(**change) -> bytes:
    """A trainer's own scenario as the editor writes it: a fact stated unknown, a quote that is
    part of a sentence, tags of its own."""
    fields = dict(
        title="A job in a nail salon", narrative=NARRATIVE, jurisdiction="GB", age=15,
        facts={"action.recruitment": True, "means.deception": True, "purpose.forced_labour": True,
               "consent.given": False}, unknown=["means.use_of_force"],
        teaching_notes="Mia is 15.", discussion_questions=["Would it change if Mia were 19?"],
        sources=["UN Trafficking in Persons Protocol, Art. 3"], tags=["typology:false_job_offer"],
        evidence={"action.recruitment": "offered her a job in a nail salon"}, id="mia-nail-salon",
    )
    return to_yaml(complete(build_scenario(**{**fields, **change}))).encode()


def test_a_scenario_of_this_session_opens_and_downloads_as_it_was(downloads):
    load = new_app(None)
    load.switch_page("views/load.py")
    ok(load.run())
    load.file_uploader(key="load.upload").set_value(("mia.yaml", a_file(), "application/x-yaml"))
    ok(load.run())
    load.button(key="load.set.add").click()
    ok(load.run())
    load.switch_page("views/author.py")
    at = open_listed(ok(load.run()), "A job in a nail salon (your scenario)")
    assert at.radio(key="au.fact.means.use_of_force").value == "unsure"
    assert at.selectbox(key="au.evidence.action.recruitment").value == "offered her a job in a nail salon"
    again = api.parse_scenario(downloads["au.download"].encode(), "mia.yaml")
    assert again == api.parse_scenario(a_file(), "mia.yaml")
    assert again.facts["means.use_of_force"] is None, "stated unknown, still unknown: never No"


def upload(at, name: str, content: bytes):
    at.file_uploader(key="au_open.upload").set_value((name, content, "application/x-yaml"))
    return ok(at.run())


def test_an_uploaded_file_opens_and_downloads_as_it_was(downloads):
    at = upload(new_app("author"), "mia.yaml", a_file())
    at.button(key="au_open.upload.go").click()
    at = ok(at.run())
    assert "Opened mia.yaml" in shown(at)
    assert at.text_input(key="au.title").value == "A job in a nail salon"
    assert api.parse_scenario(downloads["au.download"].encode(), "x.yaml") == api.parse_scenario(a_file(), "mia.yaml")
    # Changed in the editor: the download says so.
    at.radio(key="au.fact.means.use_of_force").set_value("yes")
    at = ok(at.run())
    assert api.parse_scenario(downloads["au.download"].encode(), "x.yaml").facts["means.use_of_force"] is True


@pytest.mark.parametrize("content, words", [
    (b"title: x\nfacts:\n  means.decepton: true\n", "bad.yaml: facts.means.decepton: unknown fact id"),
    (b"title: x\nfacts:\n  means.deception: maybe\n",
     f"bad.yaml: “{api.vocabulary().fact('means.deception').question}”: must be true, false or null"),
    (b"title: x\nperson:\n  age: 200\n", "bad.yaml: Age: must be from 0 to 130"),
    (b"title: [unclosed\n", "bad.yaml: line"),
    (b"title: x\nvictim: true\n", "bad.yaml: victim: is not a field this file may have"),
])
def test_a_bad_file_is_refused_naming_the_file_and_the_field(content, words):
    at = upload(write(new_app("author")), "bad.yaml", content)
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("This file cannot be opened.") and words in errors[0], errors
    assert not [b for b in at.button if b.key == "au_open.upload.go"], "nothing to open"
    assert at.text_input(key="au.title").value == "A job in a nail salon", "the editor keeps what it had"


def hand_edited(content: bytes) -> bytes:
    """The file with its Palermo expectation changed by hand: the outcome and the means said
    not met, although the facts (a 15-year-old recruited for forced labour) meet Article 3, and
    for a child the means need not be shown at all, 3(c)."""
    data = yaml.safe_load(content)
    data["expected"]["palermo"] = {"outcome": "not_all_elements_met",
                                   "elements": {"action": "met", "means": "not_met", "purpose": "met"}}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def test_a_file_whose_expected_findings_are_not_the_engines_is_opened_with_a_warning(downloads):
    at = upload(new_app("author"), "mia.yaml", hand_edited(a_file()))
    warnings = [plain(w.value) for w in at.warning]
    assert len(warnings) == 1, warnings
    said = warnings[0]
    assert "outcome: the file says ✘ not all elements met, the engine finds ✔ all elements met" in said, said
    assert "Means: the file says ✘ not met, the engine finds – not required" in said, said
    assert said.count("the file says") == 2, "action and purpose agree: not listed"
    at.button(key="au_open.upload.go").click()
    at = ok(at.run())
    written = yaml.safe_load(downloads["au.download"])
    assert written["expected"]["palermo"]["outcome"] == "all_elements_met", "the editor writes the engine's"


def test_a_file_whose_expected_findings_agree_opens_without_a_warning():
    assert not upload(new_app("author"), "mia.yaml", a_file()).warning
