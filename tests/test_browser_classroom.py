"""The classroom's presenter mode in a real browser (Debian's chromium, Playwright) at 1280 x 720
and 1920 x 1080: each element revealed by the keyboard (→, Space, a clicker's Page Down), and by
its bounding box the revealed element and the whole narrative in the window together, with no
scrolling; three frameworks side by side at 1280 px, the longest explanation of the library
whole in the window at both sizes, and each caveat whole on its own step; axe on every state.
Screenshots go to test-artifacts/screenshots/classroom-*.png.
"""
from __future__ import annotations

import json

import pytest

from browser_support import app_url, assert_no_exception, axe_violations, browser, screenshot, settle  # noqa: F401 - fixtures
from ui_server import chromium_path

import playwright.sync_api  # noqa: E402,F401 - a test dependency: missing is a failure

if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

import ui_apptest  # noqa: E402,F401  (puts ui/ on the import path)
from elements import api  # noqa: E402
from elements.words import ROLES, status_words  # noqa: E402

SIZES = {"1280": {"width": 1280, "height": 720}, "1920": {"width": 1920, "height": 1080}}
# The library's longest narrative: the one most likely to push a finding off the screen.
LONGEST = max((api.load_scenario(p) for p in api.scenario_files()),
              key=lambda s: len(s.narrative or "")).id
PRESENTER = "Presenter mode: hide these controls and the sidebar"
THREE = ("palermo", "us", "uk")


def library_scenarios():
    return [s for s in (api.load_scenario(p) for p in api.scenario_files()) if s.narrative]


def explanation_length(result, role: str) -> int:
    """What a finding's column says in words: its facts and its explanation."""
    finding, step = result.elements[role], result.element_step(role)
    return sum(len(api.vocabulary().label(f)) + 2 for f in finding.satisfied_by) + (len(step.text) if step else 0)


# The finding with the most to read in one column, three frameworks side by side: the one most
# likely to run below the window.
LONGEST_FINDING = max(((s.id, role, explanation_length(api.evaluate(s, fw), role))
                       for s in library_scenarios() for fw in THREE for role in ROLES), key=lambda x: x[2])[:2]
# The scenario whose longest caveat (with its sources), three frameworks shown, is the longest.
LONGEST_CAVEAT = max(library_scenarios(), key=lambda s: max(
    len(c.text) + sum(len(x) for x in c.sources) for fw in THREE for c in api.evaluate(s, fw).caveats)).id


def open_classroom(browser, app_url, size: str, query: str):
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.goto(f"{app_url}/classroom?{query}")
    page.get_by_role("heading", name="Classroom").first.wait_for()
    settle(page)
    return context, page


def clean(page, name: str) -> None:
    settle(page)
    assert_no_exception(page)
    found = axe_violations(page)
    assert not found, json.dumps(found, indent=1)
    screenshot(page, f"classroom-{name}", full=False)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def inside_window_whole(page, selector: str) -> None:
    """Inside the window, and shown whole: not cut off by its own column's scrolling."""
    size = page.viewport_size
    b = box(page, selector)
    assert b is not None, selector + " is not drawn"
    assert b["y"] >= 0 and b["y"] + b["height"] <= size["height"] + 0.5, (selector, b, size)
    assert b["x"] >= 0 and b["x"] + b["width"] <= size["width"] + 0.5, (selector, b, size)
    cut = page.locator(selector).first.evaluate(
        "e => { const c = e.closest('.st-key-cls_narrative, .st-key-cls_step'); "
        "return c ? c.scrollHeight - c.clientHeight : 0; }")
    assert cut <= 1, f"{selector}: {cut}px hidden inside its column"


def not_scrolled(page) -> None:
    scrolled = page.evaluate("() => { const m = document.querySelector('[data-testid=stMain]');"
                             " return [window.scrollY, m ? m.scrollTop : 0]; }")
    assert scrolled == [0, 0], scrolled


def count_field(page, name: str):
    return page.locator(".st-key-cls_step").get_by_label(name, exact=True)


def unfocus(page) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    settle(page)


def press(page, key: str) -> None:
    page.keyboard.press(key)
    settle(page)


@pytest.mark.parametrize("size", list(SIZES))
def test_presenter_reveals_each_element_by_keyboard_beside_the_narrative(browser, app_url, size):
    context, page = open_classroom(browser, app_url, size, f"scenario={LONGEST}")
    try:
        page.get_by_text(PRESENTER).click()
        settle(page)
        assert not page.get_by_test_id("stSidebar").is_visible(), "presenter mode hides the sidebar"
        assert not page.get_by_role("button", name="Reveal all").is_visible(), "and the controls"
        clean(page, f"{size}-0-start")
        result = api.evaluate(api.load_scenario(next(p for p in api.scenario_files() if p.stem == LONGEST)))
        for number, (role, key) in enumerate(zip(ROLES, ["ArrowRight", "Space", "PageDown"]), 1):
            unfocus(page)  # focus on the page itself, as a lecturer's would be
            press(page, key)  # the vote
            heading = page.get_by_role("heading", name=f"{role.title()}: what does the class think?")
            heading.wait_for()
            clean(page, f"{size}-{number}a-{role}-vote")
            for field, count in zip(["Met", "Not met", "Open"], [12, 3, 5]):
                count_field(page, field).fill(str(count))
                if key == "PageDown" and field == "Open":
                    break  # a clicker pressed while a count is still being typed: it counts
                count_field(page, field).press("Tab")
                settle(page)
            else:
                unfocus(page)
            press(page, key)  # the finding
            page.get_by_text(f"{number} of {len(ROLES)} elements revealed").wait_for()
            step = page.locator("[class*='st-key-cls_at_']").first
            assert step.get_by_text("met 12 · not met 3 · open 5").is_visible()
            assert step.get_by_role("heading", name=status_words(result.elements[role].status)).is_visible()
            clean(page, f"{size}-{number}b-{role}-finding")
            inside_window_whole(page, ".st-key-cls_narrative")
            inside_window_whole(page, "[class*='st-key-cls_at_']")
            not_scrolled(page)
        press(page, "ArrowLeft")  # back: the purpose hidden again, its vote on screen
        page.get_by_role("heading", name="Purpose: what does the class think?").wait_for()
        assert count_field(page, "Met").input_value() == "12", "the counts are kept"
        press(page, "PageUp")
        page.get_by_text(f"2 of {len(ROLES)} elements revealed").wait_for()
        page.get_by_role("button", name="Show the controls").click()
        settle(page)
        assert page.get_by_role("button", name="Reveal all").is_visible()
    finally:
        context.close()


def presenting_without_votes(page) -> None:
    page.get_by_text("Ask the class before each finding").click()  # no vote: straight to the findings
    page.get_by_text(PRESENTER).click()
    settle(page)


def test_three_frameworks_side_by_side_at_1280(browser, app_url):
    context, page = open_classroom(browser, app_url, "1280", f"scenario={LONGEST}&fw=palermo,us,uk")
    try:
        presenting_without_votes(page)
        for number in range(1, len(ROLES) + 1):
            press(page, "PageDown")
            page.get_by_text(f"{number} of {len(ROLES)} elements revealed").wait_for()
            columns = page.locator(".st-key-cls_columns_3 [data-testid=stColumn]")
            assert columns.count() == 3
            boxes = [columns.nth(i).bounding_box() for i in range(3)]
            for left, right in zip(boxes, boxes[1:]):
                assert left["x"] + left["width"] <= right["x"] + 0.5, "side by side, not overlapping"
                assert abs(left["y"] - right["y"]) < 1, "on one row"
            assert all(b["x"] >= 0 and b["x"] + b["width"] <= 1280 for b in boxes)
            clean(page, f"1280-three-{ROLES[number - 1]}")
            inside_window_whole(page, ".st-key-cls_narrative")
            inside_window_whole(page, "[class*='st-key-cls_at_']")  # every framework's finding, whole
            not_scrolled(page)
        press(page, "Space")
        page.get_by_role("heading", name="Outcome").wait_for()
        clean(page, "1280-three-outcome")
        inside_window_whole(page, "[class*='st-key-cls_at_']")
        press(page, "Space")
        page.get_by_role("heading", name="Caveats (1 of").wait_for()
        clean(page, "1280-three-caveat-1")
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_the_longest_explanation_is_whole_in_the_window_with_three_frameworks(browser, app_url, size):
    sid, role = LONGEST_FINDING
    context, page = open_classroom(browser, app_url, size, f"scenario={sid}&fw={','.join(THREE)}")
    try:
        presenting_without_votes(page)
        for _ in range(ROLES.index(role) + 1):
            press(page, "PageDown")
        page.get_by_role("heading", name=role.title(), exact=True).wait_for()
        clean(page, f"{size}-three-longest-{role}")
        for framework in THREE:
            why = f".st-key-cls_why_{framework}"
            assert page.locator(why).first.inner_text().strip(), f"{framework} explains its finding"
            # Its first sentence large, the rest smaller: each, and the whole, in the window.
            for part in (why, f".st-key-cls_lead_{framework}", f".st-key-cls_more_{framework}"):
                if page.locator(part).count():
                    inside_window_whole(page, part)
        inside_window_whole(page, ".st-key-cls_narrative")
        inside_window_whole(page, "[class*='st-key-cls_at_']")
        not_scrolled(page)
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_each_caveat_is_whole_on_its_own_step(browser, app_url, size):
    context, page = open_classroom(browser, app_url, size, f"scenario={LONGEST_CAVEAT}&fw={','.join(THREE)}")
    try:
        presenting_without_votes(page)
        for _ in range(len(ROLES) + 1):
            press(page, "PageDown")
        page.get_by_role("heading", name="Outcome").wait_for()
        inside_window_whole(page, "[class*='st-key-cls_at_']")
        scenario = api.load_scenario(next(p for p in api.scenario_files() if p.stem == LONGEST_CAVEAT))
        count = len({c.id for fw in THREE for c in api.evaluate(scenario, fw).caveats})
        for number in range(1, count + 1):
            press(page, "ArrowRight")
            page.get_by_role("heading", name=f"Caveats ({number} of {count})").wait_for()
            clean(page, f"{size}-caveat-{number}")
            inside_window_whole(page, ".st-key-cls_caveat")
            inside_window_whole(page, "[class*='st-key-cls_at_']")
            inside_window_whole(page, ".st-key-cls_narrative")
            not_scrolled(page)
    finally:
        context.close()


def test_notes_open_in_their_own_view(browser, app_url):
    context, page = open_classroom(browser, app_url, "1280", f"scenario={LONGEST}")
    try:
        scenario = api.load_scenario(next(p for p in api.scenario_files() if p.stem == LONGEST))
        note = scenario.teaching_notes.split(".")[0]
        assert not page.get_by_text(note).count(), "the projected view never shows the notes"
        with context.expect_page() as opened:
            page.get_by_role("link", name="The teacher's notes").click()
        notes = opened.value
        notes.get_by_role("heading", name="Classroom: the teacher's notes").wait_for()
        settle(notes)
        assert notes.get_by_text(note).count()
        assert notes.get_by_text(scenario.discussion_questions[0]).count()
        found = axe_violations(notes)
        assert not found, json.dumps(found, indent=1)
        screenshot(notes, "classroom-notes")
    finally:
        context.close()


def test_with_the_controls_shown_a_reveal_brings_the_stage_into_view(browser, app_url):
    """Out of presenter mode the controls come first; the page brings each new step into view
    itself, so the lecturer still never scrolls."""
    context, page = open_classroom(browser, app_url, "1280", f"scenario={LONGEST}")
    try:
        clean(page, "1280-controls-start")
        assert page.get_by_role("button", name="Reveal all").is_visible(), "the page opens at its controls"
        for number in range(1, 3):
            unfocus(page)
            press(page, "ArrowRight")
            page.wait_for_timeout(300)
        page.get_by_text(f"1 of {len(ROLES)} elements revealed").wait_for()
        page.wait_for_timeout(300)
        # The step whole, the narrative beside it from its start (with the sidebar shown, a
        # long narrative's column scrolls on its own: presenter mode shows it whole).
        screenshot(page, "classroom-1280-controls-finding", full=False)
        inside_window_whole(page, "[class*='st-key-cls_at_']")
        narrative, step = box(page, ".st-key-cls_narrative"), box(page, "[class*='st-key-cls_at_']")
        assert 0 <= narrative["y"] and abs(narrative["y"] - step["y"]) < 2, (narrative, step)
        screenshot(page, "classroom-1280-controls-finding", full=False)
        clean(page, "1280-controls-finding")
        assert page.get_by_test_id("stSidebar").is_visible(), "the sidebar stays out of presenter mode"
    finally:
        context.close()
