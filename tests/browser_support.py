"""Helpers for the Playwright tests and the app benchmark: waiting, checking, screenshots."""
from __future__ import annotations

from pathlib import Path

import pytest

from ui_server import REPO

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
DOWNLOADS = REPO / "test-artifacts" / "downloads"
_STATE = "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"


def settle(page, timeout: float = 20_000) -> None:
    """Wait until the script run that the last action started has finished and drawn."""
    page.wait_for_timeout(150)
    page.wait_for_function(f"() => ({_STATE})() === 'notRunning'", timeout=timeout)
    # Elements of the finished run are marked stale until replaced; give React a frame.
    page.wait_for_timeout(150)
    assert_no_exception(page)


def assert_no_exception(page) -> None:
    errors = page.locator('[data-testid="stException"]')
    if errors.count():
        raise AssertionError("Streamlit shows an exception: " + errors.first.inner_text())


def screenshot(page, name: str, full: bool = True) -> Path:
    """The whole page: the app scrolls inside its main container, so grow the viewport to it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    size = page.viewport_size
    if full:
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight || 0")
        if height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": min(height + 40, 12000)})
            page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    if page.viewport_size != size:
        page.set_viewport_size(size)
    return path


def radio(page, question: str, option: str) -> None:
    """Choose an option of the radio group whose accessible name is the question."""
    page.get_by_role("radiogroup", name=question, exact=True).get_by_text(option, exact=True).click()
    settle(page)


def click_button(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    settle(page)


# axe-core, from a pinned PyPI package that ships it (make test installs it; nothing is fetched).
AXE_SCRIPT = None


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the page as it is now, the serious and critical ones."""
    global AXE_SCRIPT
    if AXE_SCRIPT is None:
        from axe_playwright_python.base import AXE_FILE_PATH

        AXE_SCRIPT = AXE_FILE_PATH.read_text(encoding="utf-8")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT)
    report = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5],
         "summary": v["nodes"][0].get("failureSummary", "")[:300] if v["nodes"] else ""}
        for v in report["violations"] if v["impact"] in impacts
    ]


# ------------------------------------------------------------------ fixtures the browser tests share


@pytest.fixture(scope="module")
def app_url(request):
    """The app served for one test module; its log is test-artifacts/<module>.log."""
    from ui_server import running_app

    with running_app(REPO / "test-artifacts" / f"streamlit-{request.module.__name__}.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, driven by Playwright, for one test module."""
    import playwright.sync_api as playwright_api  # a test dependency: missing is a failure

    from ui_server import launch_chromium

    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
