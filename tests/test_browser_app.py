"""The app in a real browser: Debian's chromium driven by Playwright, against `streamlit run`.

At 1366x768 and 390x844: every page and every state visited checked by axe-core, a full walk
by keyboard alone, Back and Forward between steps, focus visible on every control, the quick
exit (first Tab stop, Shift three times, with the connection lost, and Back after it), the
export, and 200% zoom. Any Streamlit exception drawn on a page fails the test. Screenshots go
to test-artifacts/screenshots/.
"""
from __future__ import annotations

import json

import pytest

from browser_support import (  # noqa: F401 - app_url and browser are the shared fixtures
    DOWNLOADS, app_url, assert_no_exception, axe_violations, browser, click_button, radio, screenshot, settle,
)
from ui_server import chromium_path

import playwright.sync_api  # noqa: E402,F401 - a test dependency: missing is a failure

# `make test` installs Debian's chromium first; without it these tests fail, never skip.
if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

from elements import api  # noqa: E402

VOCAB = api.vocabulary()
PAGES = {"": "Elements", "walkthrough": "Walkthrough", "result": "Result", "compare": "Compare frameworks",
         "load": "Load a scenario", "exercise": "Exercise", "classroom": "Classroom",
         "narrative": "From a narrative", "author": "Write a scenario", "definitions": "Definitions"}
AGE_KNOWN = "Do you know how old the person was at the time?"
AGE_INPUT = VOCAB.age.question + " (years)"
COUNTRY = "Country (used only to list where to get help)"
NEUTRAL = "https://www.bbc.com/weather"
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def question(fact_id: str) -> str:
    return VOCAB.fact(fact_id).question


@pytest.fixture(params=list(SIZES))
def page(request, browser, app_url):
    context = browser.new_context(viewport=SIZES[request.param], accept_downloads=True)
    # No network here: the neutral site is answered locally.
    context.route("https://www.bbc.com/**", lambda route: route.fulfill(
        body="<title>Weather</title>neutral", content_type="text/html"))
    page = context.new_page()
    page.size = request.param
    page.goto(app_url)
    page.get_by_role("heading", name=PAGES[""], exact=False).first.wait_for()
    settle(page)
    yield page
    context.close()


def check(page, name: str) -> None:
    """A page or state a person sees: no exception, no serious or critical axe violation."""
    settle(page)
    assert_no_exception(page)
    found = axe_violations(page)
    assert not found, json.dumps(found, indent=1)
    screenshot(page, f"{page.size}-{name}")


def focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, text: (e.innerText || '').trim().slice(0, 80), type: e.type || '',
                group: e.closest('[role=radiogroup]')?.getAttribute('aria-label') || '',
                label: e.getAttribute('aria-label') || ''}; }""")


def tab_to(page, predicate, limit: int = 150) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if predicate(now):
            return now
    raise AssertionError("Tab never reached the control")


def trace_shown(page) -> None:
    """The rules that fired, opened: drawn on a desktop, listed on a phone (a diagram is not
    legible there)."""
    if page.size == "desktop":
        page.get_by_test_id("stGraphVizChart").locator("svg").first.wait_for(timeout=20_000)
    else:
        page.get_by_text("On a narrow screen the diagram is left out").first.wait_for(timeout=20_000)


def test_every_page_opens_clean_and_passes_axe(page, app_url):
    for path, title in PAGES.items():
        page.goto(f"{app_url}/{path}")
        page.get_by_role("heading", name=title, exact=False).first.wait_for()
        check(page, "page-" + (path or "start"))
        assert page.get_by_role("link", name="Quick exit").is_visible()
    assert page.title() == "Elements"  # neutral: no word about trafficking in the tab or history


def test_a_full_walk_by_keyboard_only(page):
    tab_to(page, lambda e: e["text"] == "Start the walkthrough")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="The person").wait_for()
    check(page, "keys-1-person")
    tab_to(page, lambda e: e["type"] == "radio" and e["group"] == AGE_KNOWN)
    page.keyboard.press("Space")  # the first option, "Yes, I know the age"
    settle(page)
    tab_to(page, lambda e: e["label"] == AGE_INPUT or e["tag"] == "INPUT" and e["type"] == "number")
    page.keyboard.type("16")
    page.keyboard.press("Enter")
    settle(page)
    page.locator(".st-key-checklist").get_by_text("yes, under 18 (age 16)").wait_for()
    for step, fact, option_presses in (("The action", "action.recruitment", 0), ("The means", "means.deception", 1),
                                       ("The purpose", "purpose.other_sexual_exploitation", 0),
                                       ("Consent and movement", "consent.given", 0)):
        tab_to(page, lambda e: e["text"].startswith(f"Next: {step}"))
        page.keyboard.press("Enter")
        # The new step starts at its heading, with keyboard focus there.
        page.wait_for_function("(t) => document.activeElement?.tagName === 'H2' && "
                               "document.activeElement.innerText.trim() === t", arg=step, timeout=20_000)
        settle(page)
        assert focused(page)["text"] == step
        if fact.startswith("means."):  # a child: the means fold away, and open from the keyboard
            tab_to(page, lambda e: e["tag"] == "SUMMARY" and "Not needed" in e["text"])
            page.keyboard.press("Enter")
            settle(page)
        tab_to(page, lambda e, q=question(fact): e["type"] == "radio" and e["group"] == q)
        page.keyboard.press("Space")  # "Yes"
        for _ in range(option_presses):
            page.keyboard.press("ArrowRight")  # on to "No"
        settle(page)
        group = page.get_by_role("radiogroup", name=question(fact), exact=True)
        assert group.get_by_role("radio", name="No" if option_presses else "Yes", exact=True).is_checked()
        check(page, f"keys-{step.split()[-1].lower()}")
    tab_to(page, lambda e: e["text"].startswith("Next: Check your answers"))
    page.keyboard.press("Enter")
    settle(page)
    check(page, "keys-6-check")
    tab_to(page, lambda e: e["text"] == "See the result")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Result").wait_for()
    settle(page)
    tab_to(page, lambda e: "For professionals" in e["text"])  # the trace, folded away
    page.keyboard.press("Enter")
    settle(page)
    trace_shown(page)
    check(page, "keys-7-result")
    assert page.get_by_text("Outcome: ✔ all elements met.").is_visible()


def test_back_and_forward_move_between_steps_and_keep_the_answers(page):
    click_button(page, "Start the walkthrough")
    radio(page, AGE_KNOWN, "Not sure")
    click_button(page, "Next: The action →")
    radio(page, question("action.recruitment"), "No")
    click_button(page, "Next: The means →")
    radio(page, question("means.deception"), "Yes")
    assert page.url.endswith("?step=means")
    page.go_back()
    page.get_by_role("heading", name="The action").wait_for()
    check(page, "history-back-action")
    group = page.get_by_role("radiogroup", name=question("action.recruitment"), exact=True)
    assert group.get_by_role("radio", name="No", exact=True).is_checked()
    page.go_back()
    page.get_by_role("heading", name="The person").wait_for()
    settle(page)
    assert page.get_by_role("radiogroup", name=AGE_KNOWN).get_by_role("radio", name="Not sure").is_checked()
    page.go_forward()
    page.go_forward()
    page.get_by_role("heading", name="The means").wait_for()
    settle(page)
    group = page.get_by_role("radiogroup", name=question("means.deception"), exact=True)
    assert group.get_by_role("radio", name="Yes").is_checked()
    click_button(page, "Next: The purpose →")
    click_button(page, "Next: Consent and movement →")
    click_button(page, "Next: Check your answers →")
    check(page, "history-check")
    page.get_by_role("button", name="Change recruitment").click()
    page.get_by_role("heading", name="The action").wait_for()
    settle(page)
    assert focused(page)["text"] == "The action"


def test_quick_exit_is_the_first_tab_stop_and_leaves_on_shift_three_times(browser, app_url):
    context = browser.new_context(viewport=SIZES["desktop"])
    context.route("https://www.bbc.com/**", lambda route: route.fulfill(body="neutral", content_type="text/html"))
    page = context.new_page()
    sent: list[bytes] = []  # what the browser tells the server on its way out
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(
        frame if isinstance(frame, bytes) else frame.encode())))
    try:
        page.goto(app_url)
        page.get_by_role("heading", name=PAGES[""], exact=False).first.wait_for()
        settle(page)
        now = tab_to(page, lambda e: True, limit=1)
        assert now["tag"] == "A" and now["text"] == "Quick exit"
        page.keyboard.press("Shift+A")  # Shift held for another key does not count
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        page.wait_for_timeout(500)
        assert page.url.startswith(app_url), "two presses and a modified one are not three"
        sent.clear()
        page.keyboard.press("Shift")
        page.wait_for_url(NEUTRAL, timeout=15_000)
        # While connected, the server was asked to clear the session (the quick exit button's event).
        assert any(b"quick_exit" in frame for frame in sent)
    finally:
        context.close()


def test_quick_exit_works_with_the_connection_lost_and_back_never_returns(page):
    click_button(page, "Start the walkthrough")
    click_button(page, "Next: The action →")
    radio(page, question("action.recruitment"), "Yes")
    page.context.set_offline(True)
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(NEUTRAL, timeout=15_000)
    assert "neutral" in page.content()
    page.context.set_offline(False)
    # Back reaches the app's address for the step before; the app sends the tab away again.
    page.go_back()
    page.wait_for_url(NEUTRAL, timeout=30_000)
    page.wait_for_load_state()
    assert "neutral" in page.content()


def test_focus_is_visible_on_every_control(page, app_url):
    page.goto(f"{app_url}/walkthrough?step=action")
    page.get_by_role("heading", name="The action").wait_for()
    settle(page)
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        shown = page.evaluate("""() => { const e = document.activeElement;
            if (!e || e === document.body) return null;
            const t = e.matches('input[type=radio], input[type=checkbox]') ? e.closest('label') : e;
            const s = getComputedStyle(t);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }""")
        if shown is None:
            continue
        seen += 1
        assert shown, f"no visible focus on {focused(page)}"
    assert seen > 20


def test_walk_a_scenario_to_its_result_and_export_it(page):
    click_button(page, "Start the walkthrough")
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
    check(page, "walk-1-person")
    click_button(page, "Next: The action →")
    radio(page, question("action.recruitment"), "Yes")
    page.locator(".st-key-checklist").get_by_text("✔ met (Recruitment)").wait_for()  # the live checklist
    check(page, "walk-2-action-folded")
    click_button(page, "Next: The means →")
    check(page, "walk-3-means-not-needed")  # a child: the means fold away under Palermo
    click_button(page, "Next: The purpose →")
    radio(page, question("purpose.other_sexual_exploitation"), "Yes")
    click_button(page, "Next: Consent and movement →")
    radio(page, question("consent.given"), "Yes")
    click_button(page, "Next: Check your answers →")
    click_button(page, "See the result")
    page.get_by_role("heading", name="Result").wait_for()
    settle(page)
    page.get_by_text("For professionals: how the rules reached this").click()  # the trace, folded away
    settle(page)
    trace_shown(page)
    check(page, "walk-7-result")
    assert page.get_by_text("Outcome: ✔ all elements met.").is_visible()
    numbers = [c.value for c in api.emergency("US").contacts if c.type == "phone"]
    assert page.get_by_text(f"If someone is in immediate danger, call {numbers[0]}").first.is_visible()

    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    saved = {}
    for label, extension in (("Download Markdown", "md"), ("Download JSON", "json"), ("Download PDF", "pdf")):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        path = DOWNLOADS / f"analysis-{page.size}.{extension}"
        download.value.save_as(path)
        saved[extension] = path.read_bytes()
        assert_no_exception(page)
    markdown = saved["md"].decode()
    assert markdown.startswith("# Elements: ") and "## Caveats" in markdown and numbers[0] in markdown
    result = json.loads(saved["json"])["result"]
    assert result["outcome"] == "all_elements_met" and result["elements"]["means"]["status"] == "not_required"
    assert saved["pdf"].startswith(b"%PDF-")


def test_the_result_page_offers_the_country_and_its_numbers_are_tel_links(page, app_url):
    page.goto(app_url + "/result")
    page.get_by_role("heading", name="Result").wait_for()
    settle(page)
    country = page.get_by_role("combobox", name=COUNTRY)
    country.click()
    country.fill("Spain")
    # The list redraws as it filters (a click could land on an option just replaced): once the
    # one match is there, Enter picks it, as a person typing would.
    page.get_by_role("option", name="Spain (ES)").wait_for()
    page.keyboard.press("Enter")
    settle(page)
    # Streamlit keeps tel: links as links: a phone can dial them.
    assert page.locator('a[href="tel:112"]').first.is_visible()
    line = page.locator("li", has=page.locator('a[href="tel:900105090"]')).last
    assert "The police answer this line" in line.inner_text()
    check(page, "result-referrals-es")


def no_sideways_scroll(page) -> int:
    return page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollWidth - m.clientWidth; }"
    )


def test_at_200_percent_zoom_nothing_overflows_and_quick_exit_stays_in_view(browser, app_url):
    # A 1280 x 900 window at 200% zoom lays out as 640 x 450 CSS pixels at twice the density.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(app_url + "/walkthrough")
        page.get_by_role("heading", name="Walkthrough").wait_for()
        settle(page)
        screenshot(page, "zoom200-walkthrough-top", full=False)
        exit_link = page.get_by_role("link", name="Quick exit")
        box = exit_link.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 640 and box["y"] >= 0
        overflow = no_sideways_scroll(page)
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at 200% zoom"
        page.get_by_role("button", name="Next: The action →").click()
        settle(page)
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(300)
        assert exit_link.is_visible() and exit_link.bounding_box()["y"] >= 0  # pinned while scrolling
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
