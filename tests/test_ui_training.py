"""The training pages (ui/views/exercise.py, classroom.py, narrative.py), driven with AppTest
(the classroom itself: tests/test_ui_classroom.py)."""
from __future__ import annotations

import pytest

from elements.yamlfile import rules_dir
from ui_apptest import draft, new_app, ok, said, shown

import library  # noqa: E402  (ui/ is on sys.path through ui_apptest)



def open_page(at, path):
    at.switch_page(path)
    return ok(at.run())


def library_index(scenario_id: str) -> int:
    entries = [e for e in library.entries() if e.scenario is not None and e.scenario.narrative]
    return next(i for i, e in enumerate(entries) if e.scenario.id == scenario_id)


def test_training_pages_are_in_the_navigation():
    import nav

    assert nav.SECTIONS["Training"] == {"exercise": "Exercise", "classroom": "Classroom", "narrative": "From a narrative",
                                     "author": "Write a scenario"}


@pytest.mark.parametrize("path", ["views/exercise.py", "views/classroom.py", "views/narrative.py"])
def test_page_renders(path):
    at = open_page(new_app(), path)
    assert at.title and not at.exception


# ---------------------------------------------------------------- exercise


def choose(at, scenario_id: str, framework: str = "palermo"):
    at.selectbox(key="ex.scenario").set_value(library_index(scenario_id))
    ok(at.run())
    at.selectbox(key="ex.framework").set_value(framework)
    return ok(at.run())


def mark(at, scenario_id, framework, marks: dict[str, str], facts: dict[str, list[str]] | None = None):
    for role, value in marks.items():
        at.radio(key=f"ex.mark.{scenario_id}.{framework}.{role}").set_value(value)
    for role, ids in (facts or {}).items():
        at.multiselect(key=f"ex.facts.{scenario_id}.{framework}.{role}").set_value(ids)
    submit = next(b for b in at.button if b.label == "Check my answers")
    submit.click()
    return ok(at.run())


def test_exercise_shows_the_narrative_but_not_the_answers_before_checking():
    at = choose(open_page(new_app(), "views/exercise.py"), "pimp-control-01")
    page = shown(at)
    assert "Dana, 22, met Marc" in page
    assert "Your score" not in page and "Outcome under" not in page
    assert "No exercise checked yet" in page


def test_exercise_scores_and_explains_each_element():
    sid = "pimp-control-01"
    at = choose(open_page(new_app(), "views/exercise.py"), sid)
    mark(
        at, sid, "palermo",
        {"action": "met", "means": "met", "purpose": "not_met"},
        {"means": ["means.use_of_force", "means.threat_of_force"]},
    )
    page = shown(at)
    assert "Outcome under UN Palermo Protocol, Art. 3: ✔ all elements met" in page
    assert "Your score:" in page
    assert "Right: the engine also finds this element met." in page
    assert "You marked it not met; the engine finds it met." in page
    assert "Provision: **Art. 3(a)**" in page
    assert "Use of force" in page  # facts found, by label
    assert "To discuss" in page
    # The session summary and its CSV.
    assert "Average score" in page and "over 1 exercise(s)" in page
    assert [b.label for b in at.get("download_button")] == ["Download my results (CSV)"]
    stored = at.session_state["ex.results"]
    assert len(stored) == 1 and stored[0]["scenario_id"] == sid and stored[0]["element_points"] == 2


def test_exercise_keeps_a_session_summary_and_clears_it():
    at = choose(open_page(new_app(), "views/exercise.py"), "contrast-smuggling-01")
    mark(at, "contrast-smuggling-01", "palermo", {"action": "met", "means": "not_met", "purpose": "not_met"})
    at = choose(at, "case-vcl-cannabis", "us")
    mark(at, "case-vcl-cannabis", "us", {"action": "met", "means": "not_required", "purpose": "met"})
    page = shown(at)
    assert "over 2 exercise(s)" in page
    assert "Under this framework the element is required here" in page  # US labour: no child exception
    assert len(at.session_state["ex.results"]) == 2
    at.button(key="ex.clear").click()
    at = ok(at.run())
    assert at.session_state["ex.results"] == []
    assert "No exercise checked yet" in shown(at)


def test_exercise_checked_again_replaces_the_attempt():
    sid = "contrast-smuggling-01"
    at = choose(open_page(new_app(), "views/exercise.py"), sid)
    at.text_input(key="ex.trainee").set_value("Ana")
    at = ok(at.run())
    mark(at, sid, "palermo", {"action": "met", "means": "met", "purpose": "met"})
    mark(at, sid, "palermo", {"action": "met", "means": "not_met", "purpose": "not_met"},
         {"action": ["action.transportation"]})
    stored = at.session_state["ex.results"]
    assert len(stored) == 1 and stored[0]["trainee"] == "Ana" and stored[0]["element_points"] == 3
    assert "over 1 exercise(s)" in shown(at)


def test_exercise_child_case_means_present_are_right():
    """Issue 9: in the 14-year-old's case, the means marked present with the payments and the
    abuse of a parent's authority are right, and the page says why they need not be shown."""
    sid = "familial-01"
    at = choose(open_page(new_app(), "views/exercise.py"), sid)
    mark(at, sid, "palermo", {"action": "met", "means": "met", "purpose": "met"},
         {"action": ["action.harbouring"], "means": ["means.payments_to_controller", "means.abuse_of_power"],
          "purpose": ["purpose.prostitution_of_others"]})
    page = shown(at)
    assert "the engine finds it not required" not in page
    assert "Because the person is a child, the means element is not required (Art. 3(c))." in page
    assert "Your score: 100%" in page
    assert "the men paid him" in page, "the narrative's sentence for a fact is quoted"


def test_exercise_results_belong_to_one_session():
    at = choose(open_page(new_app(), "views/exercise.py"), "loverboy-01")
    mark(at, "loverboy-01", "palermo", {"action": "met", "means": "met", "purpose": "met"})
    other = open_page(new_app(), "views/exercise.py")
    assert other.session_state["ex.results"] == []
    assert "No exercise checked yet" in shown(other)


def test_exercise_offers_not_required_only_where_a_pack_can_waive():
    at = choose(open_page(new_app(), "views/exercise.py"), "loverboy-01", "palermo")
    assert "not required" in at.radio(key="ex.mark.loverboy-01.palermo.means").options
    assert "not required" not in at.radio(key="ex.mark.loverboy-01.palermo.action").options


@pytest.mark.parametrize("sid, caveat", [
    ("contrast-sex-work-independent", "sex_work_distinction"),
    ("contrast-smuggling-01", "smuggling_distinction"),
])
def test_exercise_feedback_shows_the_distinction_caveat(sid, caveat):
    at = choose(open_page(new_app(), "views/exercise.py"), sid)
    assert said(caveat) not in shown(at), "no caveat before checking: it would give the answer away"
    mark(at, sid, "palermo", {"action": "not_met", "means": "not_met", "purpose": "not_met"})
    page = shown(at)
    assert f"**Caveat:** {said(caveat)}" in page
    assert f"**Caveat:** {said('not_legal_advice')}" in page


# ---------------------------------------------------------------- narrative


TEXT = (
    "Dana was 16. A man promised her a job as a waitress and took her passport. "
    "He did not hit her. It is not known whether anyone threatened her."
)


def paste(at, text):
    at.text_area(key="nar.text").set_value(text)
    return ok(at.run())


def test_narrative_highlights_and_proposes_without_setting_anything():
    at = paste(open_page(new_app(), "views/narrative.py"), TEXT)
    page = shown(at)
    assert ":orange-background[took her passport]" in page
    keys = {c.key for c in at.checkbox}
    assert {"nar.ok.action.recruitment", "nar.ok.means.other_coercion", "nar.age_ok"} <= keys
    assert "nar.ok.means.use_of_force" not in keys and "nar.ok.means.threat_of_force" not in keys
    assert "would suggest *Use of force*, but follows “not”" in "\n".join(m.value for m in at.markdown)
    assert all(not c.value for c in at.checkbox), "nothing ticked by default"
    assert draft(at).answers == {} and draft(at).proposals == {}


def test_narrative_carries_only_confirmed_facts_into_the_walkthrough():
    at = paste(open_page(new_app(), "views/narrative.py"), TEXT)
    at.checkbox(key="nar.ok.means.other_coercion").check()
    at.checkbox(key="nar.age_ok").check()
    at = ok(at.run())
    at.button(key="nar.go").click()
    at = ok(at.run())
    assert at.title[0].value == "Walkthrough"
    assert draft(at).answers == {"means.other_coercion": True}
    assert draft(at).proposals == {"action.recruitment": True}, "unticked: a suggestion only"
    assert draft(at).known_age == 16
    assert draft(at).loaded.narrative == TEXT


def test_narrative_age_left_unknown_when_not_confirmed():
    at = paste(open_page(new_app(), "views/narrative.py"), TEXT)
    at.button(key="nar.go").click()
    at = ok(at.run())
    assert draft(at).answers == {}
    assert draft(at).known_age is None


def test_narrative_from_the_library_and_user_text_is_escaped():
    at = open_page(new_app(), "views/narrative.py")
    at.selectbox(key="nar.library").set_value(library_index("case-siliadin-domestic"))
    at = ok(at.run())
    at.button(key="nar.use").click()
    at = ok(at.run())
    assert at.text_area(key="nar.text").value.startswith("Based on the facts reported in Siliadin")
    at = paste(at, "![x](http://example.invalid/x.png) He took her passport.")
    body = "\n".join(m.value for m in at.markdown)
    assert "![x](" not in body and "](http" not in body.replace("\\](http", "")
    assert "!\\[x\\](http" in body


def test_narrative_library_file_exists():
    assert (rules_dir() / "scenarios" / "case-siliadin-domestic.yaml").is_file()
