"""The app's speed, as a person meets it and on the server.

    .venv/bin/python benchmarks/bench_app.py [--loads 5] [--answers 30] [--reruns 30]

First question visible: `streamlit run` on a free port, Debian's chromium (Playwright), a new
browser session opening the walkthrough's address, until its first question is drawn and the
script run has finished. The first load of a fresh server is reported on its own (it imports
the app and compiles the rule pack), then the median of the next loads.

An answer to the screen: in the browser, on the action step, from the click on an answer until
the live checklist shows its new status and the run has finished; median and 90th percentile.

One answer's rerun: AppTest runs the app's script as the server would, on the action step;
the time is one radio answer's full script run (callback, evaluation, drawing).
Goals on this machine: first question <= 1.5 s, an answer to the screen <= 150 ms (p90).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser_support import settle  # noqa: E402
from ui_apptest import new_app, next_step, ok  # noqa: E402
from ui_server import chromium_path, launch_chromium, running_app  # noqa: E402

GOAL_FIRST_QUESTION_S = 1.5
GOAL_ANSWER_MS = 150.0
IDLE = "document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state') === 'notRunning'"
CHECKLIST = "document.querySelector('.st-key-checklist')?.innerText || ''"


def in_browser(loads: int, answers: int, baseline: bool = False) -> tuple[list[float], list[float]]:
    """Seconds to the first question, per new session; milliseconds from an answer to the screen.
    With `baseline`, the same for benchmarks/baseline_app.py (one radio, one line)."""
    from playwright.sync_api import sync_playwright

    from elements import api

    firsts, answered = [], []
    question = "Was the person recruited?" if baseline else api.vocabulary().fact("action.recruitment").question
    script, first, answering = (("benchmarks/baseline_app.py", "", "") if baseline
                                else ("ui/app.py", "/walkthrough", "/walkthrough?step=action"))
    with running_app(REPO / "test-artifacts" / "streamlit-bench.log", script=script) as url, \
            sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for _ in range(loads):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url + first)
                page.get_by_role("radiogroup").first.wait_for(timeout=60_000)
                page.wait_for_function(f"() => {IDLE}")
                firsts.append(time.perf_counter() - start)
                context.close()
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(url + answering)
            group = page.get_by_role("radiogroup", name=question, exact=True)
            group.wait_for(timeout=60_000)
            settle(page)
            for index in range(answers + 2):  # the first two warm the page
                option, shows = ("Yes", "✔ met") if index % 2 == 0 else ("No", "? unknown")
                start = time.perf_counter()
                group.get_by_role("radio", name=option, exact=True).dispatch_event("click")
                page.wait_for_function(f"(w) => ({CHECKLIST}).includes('Action: ' + w) && {IDLE}", arg=shows,
                                       polling="raf")
                if index >= 2:
                    answered.append((time.perf_counter() - start) * 1000)
                settle(page)
        finally:
            browser.close()
    return firsts, answered


def rerun(reruns: int) -> list[float]:
    at = new_app()
    next_step(at)
    for option in ("yes", "no"):  # warm the widgets and the engine
        at.radio(key="w.action.recruitment").set_value(option)
        ok(at.run())
    times = []
    for index in range(reruns):
        at.radio(key="w.action.recruitment").set_value("yes" if index % 2 else "no")
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        ok(at)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--reruns", type=int, default=30)
    args = parser.parse_args()

    # Both numbers move with whatever else the machine is doing: say how busy it was.
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    runs = rerun(args.reruns)
    median_ms = statistics.median(runs)
    p90_ms = sorted(runs)[int(0.9 * (len(runs) - 1))]
    print(f"one answer's rerun (AppTest, server side): median {median_ms:.1f} ms, p90 {p90_ms:.1f} ms "
          f"over {len(runs)} reruns")

    if chromium_path() is None:
        print("browser numbers: skipped, chromium is not installed (make browser)")
        return 0
    p90 = lambda values: sorted(values)[int(0.9 * (len(values) - 1))]  # noqa: E731
    base_loads, base_answers = in_browser(max(2, args.loads), args.answers, baseline=True)
    loads, answers = in_browser(max(2, args.loads), args.answers)
    warm, base_warm = statistics.median(loads[1:]), statistics.median(base_loads[1:])
    print(f"first question visible (chromium, new session): first load of a fresh server {loads[0]:.2f} s, "
          f"then median {warm:.2f} s over {len(loads) - 1} new sessions (goal <= {GOAL_FIRST_QUESTION_S} s); "
          f"baseline page {base_warm:.2f} s, ratio {warm / base_warm:.1f}x")
    print(f"an answer to the screen (chromium): median {statistics.median(answers):.0f} ms, p90 {p90(answers):.0f} ms "
          f"over {len(answers)} answers (goal p90 <= {GOAL_ANSWER_MS:.0f} ms); baseline page median "
          f"{statistics.median(base_answers):.0f} ms, p90 {p90(base_answers):.0f} ms, ratio of p90s "
          f"{p90(answers) / p90(base_answers):.1f}x")
    met = warm <= GOAL_FIRST_QUESTION_S and p90(answers) <= GOAL_ANSWER_MS
    print("goals met" if met else "goals NOT met on this machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
