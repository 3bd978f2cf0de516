"""The app in a real browser: Debian's chromium driven by Playwright, against `streamlit run`.

Opens every page, walks one scenario to its result, exports it, uses the keyboard alone,
looks at it at 200% zoom and leaves by quick exit. Any Streamlit exception drawn on a page
fails the test. Screenshots go to test-artifacts/screenshots/.
"""
from __future__ import annotations

import json

import pytest

from browser_support import DOWNLOADS, app_url, assert_no_exception, browser, click_button, radio, screenshot, settle  # noqa: F401 - fixtures
from ui_server import chromium_path

import playwright.sync_api  # noqa: E402,F401 - a test dependency: missing is a failure

# `make test` installs Debian's chromium first; without it these tests fail, never skip.
if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

from elements.vocabulary import vocabulary  # noqa: E402

VOCAB = vocabulary()
PAGES = ["Walkthrough", "Result", "Compare frameworks", "Load a scenario", "Definitions, limits and privacy"]
AGE_KNOWN = "Do you know how old the person was at the time?"
AGE_INPUT = VOCAB.age.question + " (years)"
COUNTRY = "Country (used only to list where to get help)"


def question(fact_id: str) -> str:
    return VOCAB.fact(fact_id).question


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(app_url)
    page.get_by_role("heading", name="Walkthrough").wait_for()
    settle(page)
    yield page
    context.close()


def open_page(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    page.get_by_role("heading", name=title.split(",")[0], exact=False).first.wait_for()
    settle(page)


def test_every_page_opens_without_an_exception(page):
    for title in PAGES:
        open_page(page, title)
        assert_no_exception(page)
        assert page.get_by_role("button", name="Quick exit ✕").is_visible()
        screenshot(page, "page-" + title.split(",")[0].lower().replace(" ", "-"))


def test_walk_a_scenario_to_its_result_and_export_it(page):
    radio(page, AGE_KNOWN, "Yes, I know the age")
    age = page.get_by_label(AGE_INPUT)
    age.fill("16")
    age.press("Enter")
    settle(page)
    country = page.get_by_role("combobox", name=COUNTRY)
    country.click()
    country.fill("United States")
    page.get_by_role("option", name="United States (US)").click()
    settle(page)
    assert page.get_by_text("yes, under 18 (age 16)").is_visible()
    screenshot(page, "walk-1-person")

    click_button(page, "Next: The action →")
    radio(page, question("action.recruitment"), "Yes")
    assert page.get_by_text("✔ met (Recruitment)").is_visible()  # the live checklist
    screenshot(page, "walk-2-action")
    click_button(page, "Next: The means →")
    radio(page, question("means.deception"), "No")
    click_button(page, "Next: The purpose →")
    radio(page, question("purpose.other_sexual_exploitation"), "Yes")
    click_button(page, "Next: Consent and movement →")
    radio(page, question("consent.given"), "Yes")
    click_button(page, "Next: Check your answers →")
    # Back and next keep the answers.
    click_button(page, "← Back")
    click_button(page, "← Back")
    group = page.get_by_role("radiogroup", name=question("purpose.other_sexual_exploitation"), exact=True)
    assert group.get_by_role("radio", name="Yes").is_checked()
    click_button(page, "Next: Consent and movement →")
    click_button(page, "Next: Check your answers →")
    screenshot(page, "walk-6-review")

    click_button(page, "See the result")
    page.get_by_role("heading", name="Result").wait_for()
    settle(page)
    assert page.get_by_text("Outcome: ✔ all elements met.").is_visible()
    assert page.get_by_text("If someone is in immediate danger, call 911").is_visible()
    page.get_by_text("For professionals: how the rules reached this").click()  # the trace, folded away
    page.get_by_test_id("stGraphVizChart").locator("svg").first.wait_for(timeout=20_000)
    screenshot(page, "walk-7-result")

    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    saved = {}
    for label, extension in (("Download Markdown", "md"), ("Download JSON", "json"), ("Download PDF", "pdf")):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        path = DOWNLOADS / f"analysis.{extension}"
        download.value.save_as(path)
        saved[extension] = path.read_bytes()
        assert_no_exception(page)
    markdown = saved["md"].decode()
    assert markdown.startswith("# Elements: ") and "## Caveats" in markdown and "911" in markdown
    result = json.loads(saved["json"])["result"]
    assert result["outcome"] == "all_elements_met" and result["elements"]["means"]["status"] == "not_required"
    assert saved["pdf"].startswith(b"%PDF-")


def test_the_result_page_offers_the_country_and_its_numbers_are_tel_links(page):
    open_page(page, "Result")
    country = page.get_by_role("combobox", name=COUNTRY)
    country.click()
    country.fill("Spain")
    page.get_by_role("option", name="Spain (ES)").click()
    settle(page)
    # Streamlit keeps tel: links as links: a phone can dial them.
    assert page.locator('a[href="tel:112"]').first.is_visible()
    line = page.locator("li", has=page.locator('a[href="tel:900105090"]')).last
    assert "The police answer this line" in line.inner_text()
    screenshot(page, "result-referrals-es")


def test_keyboard_alone_reaches_and_answers_the_questions(page):
    def tab_to(predicate: str, limit: int = 120) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate}); }}"):
                return
        raise AssertionError("Tab never reached: " + predicate)

    tab_to("e.innerText && e.innerText.startsWith('Next: The action')")
    page.keyboard.press("Enter")
    settle(page)
    assert page.get_by_role("heading", name="The action").is_visible()
    recruitment = question("action.recruitment")
    tab_to(f"e.type === 'radio' && e.closest('[role=radiogroup]').getAttribute('aria-label') === {json.dumps(recruitment)}")
    # The focused option is "Not sure"; arrow keys move the choice to "Yes".
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    settle(page)
    group = page.get_by_role("radiogroup", name=recruitment, exact=True)
    assert group.get_by_role("radio", name="Yes").is_checked()
    assert page.get_by_text("✔ met (Recruitment)").is_visible()


def no_sideways_scroll(page) -> int:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth - m.clientWidth; }"
    )


def test_at_200_percent_zoom_nothing_overflows_and_quick_exit_stays_in_view(browser, app_url):
    # A 1280 x 900 window at 200% zoom lays out as 640 x 450 CSS pixels at twice the density.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(app_url)
        page.get_by_role("heading", name="Walkthrough").wait_for()
        settle(page)
        screenshot(page, "zoom200-walkthrough-top", full=False)
        screenshot(page, "zoom200-walkthrough")
        exit_button = page.get_by_role("button", name="Quick exit ✕")
        box = exit_button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 640 and box["y"] >= 0
        overflow = no_sideways_scroll(page)
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at 200% zoom"
        page.get_by_role("button", name="Next: The action →").click()
        settle(page)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        assert exit_button.is_visible() and exit_button.bounding_box()["y"] >= 0  # pinned while scrolling
        screenshot(page, "zoom200-action-scrolled", full=False)
        page.get_by_role("button", name="See the result", exact=True).click()
        page.get_by_role("heading", name="Result").wait_for()
        settle(page)
        page.get_by_text("For professionals: how the rules reached this").click()
        settle(page)
        # 640 CSS pixels is a narrow screen: the same steps as a list stand in for the diagram
        page.get_by_text("On a narrow screen the diagram is left out").wait_for()
        assert no_sideways_scroll(page) <= 1, "the result page scrolls sideways at 200% zoom"
        screenshot(page, "zoom200-result")
    finally:
        context.close()


def test_quick_exit_leaves_for_a_neutral_site(page):
    # No network here: answer the neutral site's address locally.
    page.route("https://www.bbc.com/**", lambda route: route.fulfill(body="<title>Weather</title>neutral", content_type="text/html"))
    click_button(page, "Next: The action →")
    radio(page, question("action.recruitment"), "Yes")
    page.get_by_role("button", name="Quick exit ✕").click()
    page.wait_for_url("https://www.bbc.com/weather", timeout=15_000)
    assert "neutral" in page.content()
