"""The classroom (ui/views/classroom.py, ui/reveal.py) driven with AppTest: the order of play
(the class's vote, then the finding, then the outcome, then each caveat on its own step), a
vote counted or skipped and shown
beside the engine's finding, back and forward, up to three frameworks, the teacher's notes in
their own view and never on the projected one, labels and citations (with their marks), never ids.
"""
from __future__ import annotations

import pytest

from elements import api
from elements.words import ROLES, confidence_mark, status_words
from ids import assert_no_ids
from ui_apptest import new_app, ok, plain, said, shown

import library  # noqa: E402  (ui/ is on sys.path through ui_apptest)
import reveal  # noqa: E402


def library_index(scenario_id: str) -> int:
    entries = [e for e in library.entries() if e.scenario is not None and e.scenario.narrative]
    return next(i for i, e in enumerate(entries) if e.scenario.id == scenario_id)


def scenario(scenario_id: str):
    return next(e.scenario for e in library.entries() if e.scenario is not None and e.scenario.id == scenario_id)


def classroom(scenario_id: str, frameworks: list[str] | None = None, voting: bool = True):
    at = new_app("classroom")
    at.selectbox(key="cls.scenario").set_value(library_index(scenario_id))
    ok(at.run())
    if frameworks:
        at.get("button_group")[0].set_value(frameworks)
        ok(at.run())
    if not voting:
        at.toggle(key="cls.voting").set_value(False)
        ok(at.run())
    return at


def click(at, key: str):
    at.button(key=key).click()
    return ok(at.run())


def headings(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("## ")]


def count(at, role: str, counts: tuple[int, int, int], sid: str):
    for index, value in enumerate(counts):
        at.number_input(key=f"cls.count.{sid}.{role}.{index}").set_value(value)
        ok(at.run())
    return at


def test_the_order_of_play_is_a_vote_then_a_finding_for_each_element_then_the_outcome():
    assert [reveal.kind(p) for p in range(reveal.LAST + 1)] == [
        "start", "vote", "finding", "vote", "finding", "vote", "finding", "outcome"]
    assert [reveal.role(p) for p in range(1, reveal.LAST)] == [r for r in ROLES for _ in (0, 1)]
    walk_on, walk_off = [0], [0]
    for _ in range(reveal.LAST + 1):  # one step more: the outcome is the end
        walk_on.append(reveal.forward(walk_on[-1], True))
        walk_off.append(reveal.forward(walk_off[-1], False))
    assert walk_on == list(range(reveal.LAST + 1)) + [reveal.LAST]
    assert [reveal.kind(p) for p in dict.fromkeys(walk_off)] == ["start", "finding", "finding", "finding", "outcome"]
    assert all(reveal.backward(reveal.forward(p, True), True) == p for p in range(reveal.LAST))
    assert reveal.settle(3, False) == 2, "voting turned off on a vote: the step before it"
    # Two caveats: a step each after the outcome, then the end.
    assert [reveal.kind(p) for p in range(reveal.LAST, reveal.end(2) + 1)] == ["outcome", "caveat", "caveat"]
    assert [reveal.caveat(p) for p in range(reveal.LAST, reveal.end(2) + 1)] == [None, 0, 1]
    assert reveal.forward(reveal.LAST, False, 2) == reveal.LAST + 1
    assert reveal.forward(reveal.end(2), True, 2) == reveal.end(2), "the last caveat is the end"
    assert reveal.backward(reveal.LAST + 1, True, 2) == reveal.LAST
    assert reveal.settle(reveal.end(2), True, 1) == reveal.end(1), "fewer caveats now: the last of them"
    assert reveal.revealed(reveal.end(2)) == len(ROLES)


def test_the_class_votes_before_each_finding_and_sees_its_vote_beside_it():
    sid = "loverboy-01"
    at = classroom(sid)
    assert "0 of 3 elements revealed" in shown(at) and "## The elements, one at a time" in headings(at)
    result = api.evaluate(scenario(sid), "palermo")
    for number, role in enumerate(ROLES, 1):
        at = click(at, "cls_next")
        assert headings(at)[-1] == f"## {role.title()}: what does the class think?"
        assert f"{number - 1} of 3 elements revealed" in shown(at)
        assert not any(m.value.startswith("### ") for m in at.markdown), "no finding before the vote"
        count(at, role, (number, 2, 3), sid)
        at = click(at, "cls_next")
        page = shown(at)
        assert headings(at)[-1] == f"## {role.title()}"
        assert f"{number} of 3 elements revealed" in page
        assert f"**The class voted:** met {number} · not met 2 · open 3." in page
        assert any(m.value.startswith(f"### {status_words(result.elements[role].status)}") for m in at.markdown)
    at = click(at, "cls_next")
    page = shown(at)
    caveats = api.evaluate(scenario(sid), "palermo").caveats
    assert headings(at)[-1] == "## Outcome" and not any(m.value.startswith("**Caveat:**") for m in at.markdown)
    assert "**The class voted:** Action met 1 · not met 2 · open 3; Means met 2" in page
    assert f"Next, the caveats ({len(caveats)}), one at a time." in page
    for number, caveat in enumerate(caveats, 1):
        assert not at.button(key="cls_next").disabled
        at = click(at, "cls_next")
        assert headings(at)[-1] == f"## Caveats ({number} of {len(caveats)})"
        shown_caveats = [plain(m.value) for m in at.markdown if m.value.startswith("**Caveat:**")]
        assert shown_caveats == [f"**Caveat:** {caveat.text}"], "one caveat, whole, on its step"
    assert at.button(key="cls_next").disabled, "the last caveat is the end"


def test_a_skipped_vote_and_a_vote_with_no_hands_are_no_vote():
    sid = "familial-01"
    at = click(click(classroom(sid), "cls_next"), "cls_skip")
    assert "**The class voted:** no vote taken." in shown(at)
    at = click(click(at, "cls_next"), "cls_reveal")  # the means, all counts left at 0
    assert headings(at)[-1] == "## Means"
    assert "**The class voted:** no vote taken." in shown(at)


def test_back_hides_the_finding_and_keeps_the_counts():
    sid = "pimp-control-01"
    at = click(classroom(sid), "cls_next")
    count(at, "action", (7, 1, 0), sid)
    at = click(at, "cls_next")
    assert headings(at)[-1] == "## Action"
    at = click(at, "cls_back")
    assert headings(at)[-1] == "## Action: what does the class think?"
    assert [at.number_input(key=f"cls.count.{sid}.action.{i}").value for i in range(3)] == [7, 1, 0]
    at = click(at, "cls_back")
    assert "## The elements, one at a time" in headings(at)
    assert at.button(key="cls_back").disabled


def test_without_voting_each_step_is_a_finding():
    at = classroom("familial-01", voting=False)
    pages = {}
    for number, role in enumerate(ROLES, 1):
        at = click(at, "cls_next")
        pages[role] = shown(at)
        assert headings(at)[-1] == f"## {role.title()}" and f"{number} of 3 elements revealed" in pages[role]
        assert not at.number_input
    assert "Art. 3(c)" in pages["means"]  # the means waived for a child, with its provision
    assert "not required" in pages["means"]
    at = click(at, "cls_next")
    assert "Child: yes, under 18" in shown(at)


def test_reveal_all_and_hide_and_a_new_scenario_starts_over():
    at = click(classroom("organ-removal-01", ["palermo", "us"]), "cls_all")
    page = shown(at)
    from elements.packs import get_pack

    assert f"{get_pack('palermo').short_title}**: ✔ all elements met" in page
    assert f"{get_pack('us').short_title}**: ✘ not all elements met" in page
    at = click(at, "cls_hide")
    assert "0 of 3 elements revealed" in shown(at)
    at = click(at, "cls_all")
    at.selectbox(key="cls.scenario").set_value(library_index("contrast-au-pair"))
    at = ok(at.run())
    assert "0 of 3 elements revealed" in shown(at)


def test_up_to_three_frameworks_side_by_side():
    at = click(classroom("loverboy-01", ["palermo", "us", "uk"], voting=False), "cls_next")
    names = [api.get_pack(f).short_title for f in ("palermo", "us", "uk")]
    columns = [m.value for m in at.markdown if m.value.startswith("**") and any(n in plain(m.value) for n in names)]
    assert len(columns) == 3
    assert not at.warning
    at.get("button_group")[0].set_value(["palermo", "us", "uk", "eu"])
    at = ok(at.run())
    assert "Up to 3 frameworks fit side by side" in at.warning[0].value
    assert api.get_pack("uk").short_title not in shown(at), "the last in the list's order is not drawn"
    shown_names = [api.get_pack(f).short_title for f in ("palermo", "eu", "us")]
    assert sum(any(n in plain(m.value) for n in shown_names) for m in at.markdown if m.value.startswith("**")) == 3


def test_citations_carry_their_marks_and_no_ids_are_shown():
    at = click(classroom("loverboy-01", ["eu"], voting=False), "cls_next")
    finding = api.evaluate(scenario("loverboy-01"), "eu").elements["action"]
    assert finding.confidence != "verified"
    assert f"[{confidence_mark(finding.confidence)}]" in shown(at)
    at = click(at, "cls_all")
    assert_no_ids(shown(at), "classroom, all revealed")


@pytest.mark.parametrize("sid, caveat", [
    ("contrast-sex-work-independent", "sex_work_distinction"),
    ("contrast-smuggling-01", "smuggling_distinction"),
])
def test_each_caveat_once_after_the_outcome(sid, caveat):
    at = click(classroom(sid, ["palermo", "us", "uk"], voting=False), "cls_next")
    assert said(caveat) not in shown(at), "caveats come after the outcome, once every element is shown"
    at = click(at, "cls_all")
    assert headings(at)[-1] == "## Outcome" and said(caveat) not in shown(at)
    caveats = []
    while not at.button(key="cls_next").disabled:
        at = click(at, "cls_next")
        on_step = [plain(m.value) for m in at.markdown if m.value.startswith("**Caveat:**")]
        assert len(on_step) == 1
        caveats += on_step
    assert sum(said(caveat) in c for c in caveats) == 1
    assert sum(said("not_legal_advice") in c for c in caveats) == 1, "raised by every framework, shown once"
    at = click(at, "cls_hide")
    assert "0 of 3 elements revealed" in shown(at)


def notes_view(query: dict[str, str]):
    at = new_app(None)
    at.switch_page("views/classroom.py")
    for name, value in query.items():
        at.query_params[name] = value
    return ok(at.run())


def test_the_notes_are_on_their_own_view_and_never_on_the_projected_one():
    sid = "loverboy-01"
    s = scenario(sid)
    at = notes_view({"view": "notes", "scenario": sid, "fw": "palermo,uk"})
    page = shown(at)
    assert at.title[0].value == "Classroom: the teacher's notes"
    assert " ".join(s.teaching_notes.split())[:80] in " ".join(page.split())
    assert all(q in page for q in s.discussion_questions)
    assert all(source in page for source in s.sources)
    assert f"**{api.evaluate(s, 'uk').framework_title}**" in page, "what the engine will show, for the frameworks shown"

    projected = click(classroom(sid), "cls_all")
    words = " ".join(shown(projected).split())
    assert " ".join(s.teaching_notes.split())[:40] not in words
    assert not any(q in words for q in s.discussion_questions)
    link = projected.get("link_button")[0]
    assert "view=notes" in link.proto.url and f"scenario={sid}" in link.proto.url


def test_the_address_chooses_the_scenario():
    at = notes_view({"scenario": "familial-01"})
    assert "Jade was 14" in shown(at)
    at = notes_view({"view": "notes", "scenario": "not-in-the-library"})
    assert "not in the library" in at.info[0].value
