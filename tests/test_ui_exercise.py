"""The exercise page's grading (ui/views/exercise.py over elements.exercise), driven with AppTest:
the child-case rule with the waiver's provision in the law's own words, a legally sufficient
answer scored in full with the other facts "also there", each fact's sentence of the narrative,
and the session's table and CSV with the trainee and the time, an attempt checked again
replacing the earlier one."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from elements import api
from elements.exercise import CSV_COLUMNS
from ids import found_ids
from ui_apptest import new_app, ok, record_downloads, shown

import library  # noqa: E402  (ui/ is on sys.path through ui_apptest)


@pytest.fixture
def downloads(monkeypatch):
    return record_downloads(monkeypatch)


def choose(at, scenario_id: str, framework: str = "palermo"):
    entries = library.choices()
    at.selectbox(key="ex.scenario").set_value(next(i for i, e in enumerate(entries) if e.scenario.id == scenario_id))
    at.selectbox(key="ex.framework").set_value(framework)
    return ok(at.run())


def submit(at, sid, marks, facts=None, framework="palermo", trainee=None):
    if trainee is not None:
        at.text_input(key="ex.trainee").set_value(trainee)
    for role, value in marks.items():
        at.radio(key=f"ex.mark.{sid}.{framework}.{role}").set_value(value)
    for role, ids in (facts or {}).items():
        at.multiselect(key=f"ex.facts.{sid}.{framework}.{role}").set_value(ids)
    next(b for b in at.button if b.label == "Check my answers").click()
    return ok(at.run())



CHILD = ("familial-01", {"action": "met", "means": "met", "purpose": "met"},
         {"action": ["action.harbouring"], "means": ["means.payments_to_controller", "means.abuse_of_power"],
          "purpose": ["purpose.prostitution_of_others"]})


def test_a_child_case_quotes_the_waivers_provision_and_marks_present_means_right():
    at = submit(choose(new_app("exercise"), CHILD[0]), *CHILD)
    page = shown(at)
    assert "Your score: 100%" in page
    assert "Right: the engine finds this element's own rule met in the scenario." in page
    assert "the engine finds it not required" not in page
    pack = api.get_pack("palermo")
    waiver = next(p for p in pack.provisions if any(r.waives == "means" for r in p.rules))
    assert " ".join(waiver.text.split()) in " ".join(page.split()), "Art. 3(c) in the law's own words"
    assert f"Source: {waiver.source}" in page
    assert not found_ids(page), "labels and citations, never ids"


def test_a_child_case_marked_not_required_is_right_too():
    sid = CHILD[0]
    at = submit(choose(new_app("exercise"), sid), sid, {"action": "met", "means": "not_required", "purpose": "met"},
                {"action": ["action.harbouring"], "purpose": ["purpose.prostitution_of_others"]})
    assert "Your score: 100%" in shown(at)
    assert "Right: the engine also finds this element not required." in shown(at)


def test_a_legally_sufficient_answer_scores_in_full_with_the_other_facts_also_there():
    sid = "pimp-control-01"
    at = submit(choose(new_app("exercise"), sid), sid, {"action": "met", "means": "met", "purpose": "met"},
                {"action": ["action.recruitment"], "means": ["means.use_of_force"],
                 "purpose": ["purpose.prostitution_of_others"]})
    page = shown(at)
    assert "Your score: 100%" in page, "three elements right with one right fact each is a sufficient answer"
    assert page.count("Your facts are enough: given only them, the engine finds this element's rule met.") == 3
    assert "+ **Threat of force**: also there: the engine relies on it too, but your facts are enough without it." in page
    assert "**Use of force**: you picked it, and the engine relies on it." in page


def test_facts_that_do_not_suffice_are_missed_and_score_nothing():
    sid = "pimp-control-01"
    at = submit(choose(new_app("exercise"), sid), sid, {"action": "met", "means": "met", "purpose": "met"},
                {"action": ["action.recruitment"], "means": ["means.deception"], "purpose": ["purpose.prostitution_of_others"]})
    page = shown(at)
    assert "**Deception**: the scenario does not state it: it stays unknown." in page
    assert "Your facts are not enough on their own" in page
    assert "**Use of force**: the engine relies on it, and your facts are not enough without it." in page
    assert "Your score: 83%" in page  # 3 marks + 2 of 3 fact points


def test_each_fact_quotes_its_sentence_of_the_narrative():
    at = submit(choose(new_app("exercise"), CHILD[0]), *CHILD)
    scenario = next(e.scenario for e in library.entries() if e.scenario and e.scenario.id == CHILD[0])
    quote = scenario.evidence["means.payments_to_controller"]
    assert f"**{api.vocabulary().label('means.payments_to_controller')}**: you picked it" in shown(at)
    assert f"The narrative: “{quote}”" in shown(at)


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_table_and_the_csv_carry_the_trainee_and_the_time_and_a_resubmission_replaces(downloads):
    sid = "pimp-control-01"
    at = choose(new_app("exercise"), sid)
    at = submit(at, sid, {"action": "met", "means": "not_met", "purpose": "met"}, trainee="Ana  Lopez")
    first = rows(downloads["ex.csv"])
    at = submit(at, sid, {"action": "met", "means": "met", "purpose": "met"})  # Ana again: replaces
    at = submit(at, sid, {"action": "not_met", "means": "met", "purpose": "met"}, trainee="Ben")
    data = rows(downloads["ex.csv"])
    assert list(data[0]) == CSV_COLUMNS
    assert [(r["attempt"], r["trainee"], r["element"], r["your_mark"]) for r in data] == [
        ("1", "Ana Lopez", "action", "met"), ("1", "Ana Lopez", "means", "met"), ("1", "Ana Lopez", "purpose", "met"),
        ("2", "Ben", "action", "not met"), ("2", "Ben", "means", "met"), ("2", "Ben", "purpose", "met"),
    ]
    assert first[1]["your_mark"] == "not met", "the first attempt as it was"
    times = [datetime.fromisoformat(r["time"]) for r in data]
    assert all(t.tzinfo is not None for t in times) and times[0] >= datetime.fromisoformat(first[0]["time"])
    table = next(m.value for m in at.markdown if m.value.startswith("| # | Trainee | Time (UTC) |"))
    lines = table.splitlines()[2:]
    assert len(lines) == 2 and "| 1 | Ana Lopez |" in lines[0] and "| 2 | Ben |" in lines[1]
    # the CSV has a row per element: rows 0-2 are Ana's attempt, 3-5 Ben's
    assert f"| {times[0]:%H:%M:%S} |" in lines[0] and f"| {times[3]:%H:%M:%S} |" in lines[1]
    assert "over 2 exercise(s)" in shown(at)


def test_the_trainees_name_is_kept_while_visiting_another_page():
    at = choose(new_app("exercise"), "pimp-control-01")
    at.text_input(key="ex.trainee").set_value("Ana")
    at = ok(at.run())
    at.switch_page("views/definitions.py")
    ok(at.run())
    at.switch_page("views/exercise.py")
    at = ok(at.run())
    assert at.text_input(key="ex.trainee").value == "Ana"
