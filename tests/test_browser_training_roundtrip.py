"""A trainer's round trip in a real browser (Debian's chromium, Playwright) at 1366 x 768 and
390 x 844: write a scenario in the app, confirm the engine's findings, download it, use it at
once in the exercise, answer as a trainee and read the feedback. Every state checked by axe;
what a person reads names no ids. Screenshots go to test-artifacts/screenshots/roundtrip-*.png.
"""
from __future__ import annotations

import json

import pytest

from browser_support import DOWNLOADS, app_url, assert_no_exception, axe_violations, browser, click_button, radio, screenshot, settle  # noqa: F401 - fixtures
from ids import found_ids
from ui_server import chromium_path

import playwright.sync_api  # noqa: E402,F401 - a test dependency: missing is a failure

if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

from elements import api  # noqa: E402

VOCAB = api.vocabulary()
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
TITLE = "A job in a nail salon"
NARRATIVE = (
    "Mia, 15, lived with her aunt. The aunt's friend offered her a job in a nail salon in the city "
    "and drove her there. The salon owner kept her passport. She worked every day without pay and "
    "slept in the back room."
)
RECRUITED = "The aunt's friend offered her a job in a nail salon in the city and drove her there."
FACTS = {"action.recruitment": "Yes", "action.transportation": "Yes", "action.harbouring": "Yes",
         "means.deception": "Yes", "means.use_of_force": "Not sure", "purpose.forced_labour": "Yes"}


def main_text(page) -> str:
    return page.evaluate("() => document.querySelector('[data-testid=stMain]').innerText")


def check(page, size: str, name: str) -> None:
    settle(page)
    assert_no_exception(page)
    found = axe_violations(page)
    assert not found, json.dumps(found, indent=1)
    hits = found_ids(main_text(page))
    assert not hits, f"ids a person would read on {name}: {sorted(set(hits))}"
    screenshot(page, f"roundtrip-{size}-{name}")


def type_into(page, label: str, text: str, area: bool = False) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Control+Enter" if area else "Enter")
    settle(page)


def choose(page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def pick(page, label: str, option: str) -> None:
    """One option of a multiselect inside a form (no rerun until the form is sent)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)


def write_the_scenario(page, app_url: str, size: str) -> None:
    page.goto(f"{app_url}/author")
    page.get_by_role("heading", name="Write a scenario").first.wait_for()
    settle(page)
    type_into(page, "Title", TITLE)
    type_into(page, "Narrative (what the trainee reads)", NARRATIVE, area=True)
    type_into(page, VOCAB.age.question + " (years; leave empty if not known)", "15")
    for fact_id, option in FACTS.items():
        radio(page, VOCAB.fact(fact_id).question, option)
    page.get_by_text("The narrative's sentence for each fact you stated (5)").click()
    settle(page)
    choose(page, "Sentence for: " + VOCAB.label("action.recruitment"), RECRUITED)
    type_into(page, "Teaching notes", "Mia is 15: under Art. 3(c) the means need not be shown.", area=True)
    type_into(page, "Discussion questions (one per line)", "Would it change if Mia were 19?", area=True)
    click_button(page, "Show the expected findings")
    page.get_by_text("Expected findings (filled in by the engine)").wait_for()
    text = main_text(page)
    for framework in api.framework_ids():
        assert f"{api.evaluate(api.validate_scenario({}), framework).framework_title}: " in text
    assert "Means: – not required (Art. 3(c))" in text, "the child's means, with the provision that waives them"
    check(page, size, "1-author")


def download(page, size: str):
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    with page.expect_download() as got:
        page.get_by_role("button", name="Download the scenario (YAML)").click()
    path = DOWNLOADS / f"roundtrip-{size}.yaml"
    got.value.save_as(path)
    assert got.value.suggested_filename == "a-job-in-a-nail-salon.yaml"
    return api.parse_scenario(path.read_bytes(), path.name)


@pytest.mark.parametrize("size", list(SIZES))
def test_write_a_scenario_use_it_in_the_exercise_and_read_the_feedback(browser, app_url, size):
    context = browser.new_context(viewport=SIZES[size], accept_downloads=True)
    page = context.new_page()
    try:
        write_the_scenario(page, app_url, size)
        saved = download(page, size)
        assert saved.title == TITLE and saved.person.age == 15 and saved.narrative == NARRATIVE
        assert saved.facts == {f: {"Yes": True, "No": False}[o] for f, o in FACTS.items() if o != "Not sure"}
        assert saved.evidence == {"action.recruitment": RECRUITED}
        assert saved.expected["palermo"].outcome == "all_elements_met"

        click_button(page, "Use it in the exercise now")
        page.get_by_role("heading", name="Exercise").first.wait_for()
        settle(page)
        assert page.get_by_text("Mia, 15, lived with her aunt.").first.is_visible()
        type_into(page, "Your name (optional: it goes into this session's table and your CSV only)", "Ana")
        pack = api.get_pack("palermo")
        for role, fact_id in (("action", "action.recruitment"), ("means", "means.deception"),
                              ("purpose", "purpose.forced_labour")):
            rule_label = pack.role_rule(role).label or role.title()
            page.get_by_role("radiogroup", name=f"{rule_label}: is this element met?", exact=True) \
                .get_by_text("met", exact=True).click()
            pick(page, f"Facts you see for the {rule_label.lower()} element", VOCAB.label(fact_id))
        check(page, size, "2-exercise-answered")
        click_button(page, "Check my answers")
        page.get_by_text("The engine's findings, and yours").wait_for()
        settle(page)
        text = main_text(page)
        assert "Your score: 100% (Ana)" in text, "three marks right, one right fact each: a sufficient answer"
        assert "Right: the engine finds this element's own rule met in the scenario." in text
        waiver = next(p for p in pack.provisions if any(r.waives == "means" for r in p.rules))
        assert " ".join(waiver.text.split())[:80] in " ".join(text.split()), "the waiver in the law's own words"
        assert f"The narrative: “{RECRUITED}”" in text
        assert "also there" in text
        assert "| Ana |" not in text and "Ana" in page.get_by_role("table").first.inner_text()
        check(page, size, "3-feedback")
    finally:
        context.close()


def test_open_a_library_scenario_and_a_file_in_the_editor(browser, app_url, tmp_path):
    """A library scenario opened in the editor, every field filled, downloads unchanged as the
    same scenario; a bad file is refused, naming the file and the field."""
    path = next(p for p in api.scenario_files() if p.stem == "case-rantsev-cabaret")
    scenario = api.load_scenario(path)
    context = browser.new_context(viewport=SIZES["desktop"], accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/author")
        page.get_by_role("heading", name="Write a scenario").first.wait_for()
        settle(page)
        box = page.get_by_role("combobox", name="A scenario of the library, or one of yours", exact=True)
        box.click()
        box.fill(scenario.title)
        page.get_by_role("option", name=scenario.title, exact=True).click()
        settle(page)
        click_button(page, "Open it in the editor")
        page.get_by_text(f"Opened {scenario.title}").wait_for()
        assert page.get_by_label("Title", exact=True).input_value() == scenario.title
        assert page.get_by_label("Narrative (what the trainee reads)", exact=True).input_value() == scenario.narrative
        check(page, "desktop", "4-opened")
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        with page.expect_download() as got:
            page.get_by_role("button", name="Download the scenario (YAML)").click()
        saved = DOWNLOADS / "roundtrip-opened.yaml"
        got.value.save_as(saved)
        assert got.value.suggested_filename == path.name
        assert api.parse_scenario(saved.read_bytes(), saved.name) == scenario, "unchanged: the same scenario"

        bad = tmp_path / "bad.yaml"
        bad.write_bytes(b"title: x\nperson:\n  age: 200\n")
        page.get_by_text("Start from an existing scenario").click()  # folded once the editor holds one
        page.locator(".st-key-au_open-upload input[type=file]").set_input_files(str(bad))
        settle(page)
        error = page.get_by_text("This file cannot be opened.")
        error.wait_for()
        assert "bad.yaml: Age: must be from 0 to 130" in error.inner_text()
        assert page.get_by_label("Title", exact=True).input_value() == scenario.title, "the editor keeps what it had"
        check(page, "desktop", "5-bad-file")
    finally:
        context.close()
