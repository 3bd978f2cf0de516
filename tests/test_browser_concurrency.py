"""Twenty browser sessions evaluating at once against one server: each gets its own correct
result, and nothing crashes.

Streamlit runs every session's script on a thread of its own, and durable-rules crashes the
whole process if two threads enter it together: the engine serialises them with a process
lock. Each session here uploads its own scenario, then all twenty ask for their result at
the same moment, and each result page must show that scenario's outcome and no other's.
"""
from __future__ import annotations

import json

import pytest

from browser_support import assert_no_exception, settle
from elements.api import element_facts
from ui_server import REPO, UNTHROTTLED_ARGS, chromium_path, launch_chromium, running_app

import playwright.sync_api as playwright_api  # noqa: E402 - a test dependency: missing is a failure

# `make test` installs Debian's chromium first; without it these tests fail, never skip.
if chromium_path() is None:
    pytest.fail("chromium is not installed: run `make browser` (make test does)", pytrace=False)

SESSIONS = 20
# Every fact Palermo's means element reads, from the pack (a list written here went stale when
# the pack came to count more of them as "other forms of coercion").
NO_MEANS = {f: False for f in element_facts("palermo", "means")}
# (age, facts, the outcome the result page must show)
CASES = [
    (15, {"action.recruitment": True, "purpose.forced_labour": True}, "✔ all elements met"),
    (40, {"action.harbouring": True, "purpose.servitude": True, **NO_MEANS}, "✘ not all elements met"),
    (None, {"action.receipt": True, "purpose.slavery": True}, "? undetermined"),
    (22, {"action.transfer": True, "means.abduction": True, "purpose.organ_removal": True}, "✔ all elements met"),
]


def scenario(index: int) -> tuple[bytes, str, str]:
    age, facts, outcome = CASES[index % len(CASES)]
    title = f"Session {index:02d}"
    data = {"title": title, "person": {"age": age}, "facts": facts}
    return json.dumps(data).encode(), title, outcome


def test_twenty_sessions_evaluating_at_once_each_get_their_own_correct_result():
    with running_app(REPO / "test-artifacts" / "streamlit-concurrency.log") as url, \
            playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright, UNTHROTTLED_ARGS)
        try:
            # Each step is started in every session before waiting for any: the browser
            # and the server work on all twenty in parallel.
            # One tab, one Streamlit session (a WebSocket of its own): tabs of one context are
            # as separate to the server as twenty people, and cheaper to open.
            context = browser.new_context(viewport={"width": 1100, "height": 800})
            pages = [context.new_page() for _ in range(SESSIONS)]
            for page in pages:
                page.goto(url + "/load", wait_until="commit")
            for index, page in enumerate(pages):
                content, _, _ = scenario(index)
                page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                    files=[{"name": f"s{index}.json", "mimeType": "application/json", "buffer": content}]
                )
            load = "Load this file into the walkthrough"
            for page in pages:
                page.get_by_role("button", name=load).wait_for(timeout=60_000)
                page.get_by_role("button", name=load).click(no_wait_after=True)
            for index, page in enumerate(pages):
                page.get_by_text("Scenario: " + scenario(index)[1]).wait_for(timeout=60_000)
                settle(page, timeout=60_000)
            # All twenty ask for their result together; the server evaluates them on twenty threads.
            for page in pages:
                page.get_by_role("button", name="See the result", exact=True).click(no_wait_after=True)
            for index, page in enumerate(pages):
                _, title, outcome = scenario(index)
                page.get_by_role("heading", name="Result").wait_for(timeout=60_000)
                settle(page, timeout=60_000)
                assert_no_exception(page)
                assert page.get_by_text("Scenario: " + title).is_visible(), index
                assert page.get_by_text(f"Outcome: {outcome}.").is_visible(), (index, outcome)
        finally:
            browser.close()
    log = (REPO / "test-artifacts" / "streamlit-concurrency.log").read_text(errors="replace")
    assert "Traceback" not in log and "Fatal" not in log, log[-2000:]
