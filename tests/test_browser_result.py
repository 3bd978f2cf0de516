"""The result page in a real browser (Debian's chromium, Playwright) at 1366 x 768 and 390 x 844:
resume from an export, a page that names no ids (the trace opened too), the diagram drawn on a
wide screen and replaced by the same steps as a list on a narrow one, and "try it".
Screenshots go to test-artifacts/screenshots/result-*.png.
"""
from __future__ import annotations

import json

import pytest

from browser_support import DOWNLOADS, app_url, assert_no_exception, browser, click_button, screenshot, settle  # noqa: F401 - fixtures
from ids import found_ids
from ui_server import chromium_path

import playwright.sync_api  # noqa: E402,F401 - a test dependency: missing is a failure

if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

import ui_apptest  # noqa: E402,F401  (puts ui/ on the import path)
import exports  # noqa: E402
from elements import api, evaluate  # noqa: E402
from elements.words import outcome_words, status_words  # noqa: E402

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# An adult, a child's age unknown elsewhere: a scenario with every kind of status and a caveat.
SCENARIO = api.validate_scenario({
    "title": "Resume test", "jurisdiction": "GB", "person": {"age": 22},
    "facts": {"action.recruitment": True, "means.other_coercion": True, "purpose.forced_labour": True,
              "consent.given": True, "movement.crossed_border": True},
})


def new_page(browser, app_url, size: str):
    context = browser.new_context(viewport=VIEWPORTS[size], accept_downloads=True)
    page = context.new_page()
    page.goto(app_url)
    page.get_by_role("heading", name="Elements", exact=False).first.wait_for()  # the start page
    settle(page)
    return context, page


def open_page(page, title: str) -> None:
    expand = page.get_by_test_id("stExpandSidebarButton")
    folded = expand.is_visible()
    if folded:  # a narrow screen: the sidebar is folded away
        expand.click()
        page.wait_for_timeout(500)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for()
    settle(page)
    if folded:  # fold it away again, as a person would
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        page.wait_for_timeout(500)


def resume(page, path) -> None:
    """Load a saved analysis on the Load page, then go to its result."""
    open_page(page, "Load a scenario")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Load this file into the walkthrough").wait_for(timeout=20_000)
    settle(page)
    click_button(page, "Load this file into the walkthrough")
    page.get_by_role("heading", name="Walkthrough").wait_for()
    click_button(page, "See the result")
    page.get_by_role("heading", name="Result").wait_for()
    settle(page)


def read(page) -> str:
    """Everything the main area shows in words, the diagram's text included."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid=stMain]');
        const svg = [...main.querySelectorAll('svg text')].map(t => t.textContent).join('\\n');
        return main.innerText + '\\n' + svg;
    }""")


def sideways(page) -> int:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth - m.clientWidth; }"
    )


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_resume_from_an_export_and_read_no_ids(browser, app_url, size, tmp_path):
    path = tmp_path / "elements-analysis-palermo.json"
    path.write_text(exports.json_text(evaluate(SCENARIO), SCENARIO))
    context, page = new_page(browser, app_url, size)
    try:
        resume(page, path)
        result = evaluate(SCENARIO)
        assert page.get_by_text(f"Outcome: {outcome_words(result.outcome)}.").first.is_visible()
        screenshot(page, f"result-{size}-top", full=False)
        page.get_by_text("For professionals: how the rules reached this").click()
        settle(page)
        diagram = page.get_by_test_id("stGraphVizChart")
        narrow = page.get_by_text("On a narrow screen the diagram is left out")
        if size == "desktop":
            diagram.locator("svg").first.wait_for(timeout=20_000)
            assert diagram.first.is_visible() and not narrow.is_visible()
        else:  # the same steps as a list instead of an unreadable picture
            assert not diagram.first.is_visible() and narrow.is_visible()
        text = read(page)
        for role in ("action", "means", "purpose"):
            finding = result.elements[role]
            assert f"{finding.label}: {status_words(finding.status)}" in text
        for step in result.explanation:
            assert step.text in text
        hits = found_ids(text)
        assert not hits, f"ids on the result page at {size}: {sorted(set(hits))}"
        assert sideways(page) <= 1, f"the result page scrolls sideways at {size}"
        screenshot(page, f"result-{size}")
        assert_no_exception(page)
    finally:
        context.close()


def test_stop_download_come_back_in_a_new_session(browser, app_url, tmp_path):
    first = tmp_path / "first.json"
    first.write_text(exports.json_text(evaluate(SCENARIO), SCENARIO))
    context, page = new_page(browser, app_url, "desktop")
    try:
        resume(page, first)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download JSON").click()
        saved = DOWNLOADS / "resume.json"
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        download.value.save_as(saved)
        toggle = page.get_by_text("Try it: ").first
        toggle.click()
        settle(page)
        assert page.get_by_text("As answered").first.is_visible()
        screenshot(page, "result-desktop-try-it")
    finally:
        context.close()
    data = json.loads(saved.read_text())
    assert set(data) == {"scenario", "result"}
    context, page = new_page(browser, app_url, "desktop")  # a new session: only the file carries over
    try:
        resume(page, saved)
        result = evaluate(api.parse_scenario(saved.read_bytes(), "resume.json"))
        assert result == evaluate(SCENARIO)
        assert page.get_by_text(f"Outcome: {outcome_words(result.outcome)}.").first.is_visible()
    finally:
        context.close()
