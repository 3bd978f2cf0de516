"""Writing a scenario in the app (ui/views/author.py), driven with AppTest: the fields become a
file of the library's format that reads back as the same scenario, errors name the field as
the editor labels it, the engine's expected findings are shown by label and citation, and the
scenario is used at once in the exercise and the classroom, for this session only."""
from __future__ import annotations

import pytest

from elements import api
from elements.authoring import build_scenario, complete
from elements.packs import framework_ids
from elements.words import outcome_words
from ids import found_ids
from ui_apptest import new_app, ok, plain, record_downloads, shown, stay_on

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
    assert [e.label for e in at.expander][:len(groups)] == groups
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
