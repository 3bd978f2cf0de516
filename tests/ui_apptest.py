"""Driving the app with Streamlit's AppTest: a few verbs the UI tests share."""
from __future__ import annotations

import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

UI = Path(__file__).resolve().parents[1] / "ui"
APP = UI / "app.py"
# The app's own modules (state, display, ...) import each other by name, as app.py arranges.
if str(UI) not in sys.path:
    sys.path.insert(0, str(UI))
TIMEOUT = 30


def new_app(page: str | None = "walkthrough") -> AppTest:
    """A fresh session: the start page, then (unless page is None) that page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(f"views/{page}.py")
        ok(at.run())
    return at


def draft(at: AppTest):
    """What the session has entered: the one Draft (ui/state.py) the app keeps."""
    import state

    return at.session_state[state.KEY]


def text(at: AppTest) -> str:
    """Everything the page shows in words: Markdown, captions, alerts, headings."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [element.value for element in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def plain(markdown: str) -> str:
    """Markdown escapes undone, so tests can look for the words a reader sees."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown):
            out.append(markdown[i + 1])
            i += 2
        else:
            out.append(markdown[i])
            i += 1
    return "".join(out)


def shown(at: AppTest) -> str:
    return plain(text(at))


def said(caveat_id: str) -> str:
    """How a caveat starts on a page: a person reads its text, never its id."""
    from elements.caveats import caveat_book

    return " ".join(next(c.text for c in caveat_book().caveats if c.id == caveat_id).split())


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def stay_on(at: AppTest, page_path: str) -> AppTest:
    """After the app itself switched page, keep AppTest there too.

    AppTest requests the page of its own last switch_page() on every later run, where a
    browser would follow the app's st.switch_page. No rerun: the app is already there.
    """
    at.switch_page(page_path)
    return at


def answer(at: AppTest, fact_id: str, option: str) -> AppTest:
    """option: 'yes', 'no' or 'unsure' (Not sure)."""
    at.radio(key="w." + fact_id).set_value(option)
    return ok(at.run())


def set_age(at: AppTest, age: int | None) -> AppTest:
    at.radio(key="w.age_known").set_value("unsure" if age is None else "known")
    ok(at.run())
    if age is not None:
        at.number_input(key="w.age").set_value(age)
        ok(at.run())
    return at


def set_country(at: AppTest, code: str | None) -> AppTest:
    at.selectbox(key="w.jurisdiction").set_value(code)
    return ok(at.run())


def next_step(at: AppTest) -> AppTest:
    at.button(key="nav.next").click()
    return ok(at.run())


def back(at: AppTest) -> AppTest:
    at.button(key="nav.back").click()
    return ok(at.run())


def see_result(at: AppTest) -> AppTest:
    at.button(key="nav.result").click()
    ok(at.run())
    # AppTest runs its own current page again on the next run, not the one the script switched
    # to: the result page stays the page for the toggles and choices made on it.
    at.switch_page("views/result.py")
    return at


def step_title(at: AppTest) -> str:
    return at.header[0].value


def open_folds(at: AppTest, group: str) -> AppTest:
    """Open a step's folds ("Not needed", other frameworks' terms), as a click on them does:
    their questions are drawn only while open."""
    at.session_state[f"fold.{group}"] = at.session_state[f"others.{group}"] = True
    return ok(at.run())


def walk(at: AppTest, age: int | None, answers: dict[str, str], country: str | None = None) -> AppTest:
    """Answer the walkthrough step by step (person, action, means, purpose, context), then the result."""
    set_age(at, age)
    if country:
        set_country(at, country)
    for group in ("action", "means", "purpose", "context"):
        next_step(at)
        open_folds(at, group)
        for fact_id, option in answers.items():
            if fact_id.split(".")[0] == group or (group == "context" and fact_id.startswith(("consent.", "movement."))):
                answer(at, fact_id, option)
    next_step(at)  # the review
    return see_result(at)


def record_downloads(monkeypatch) -> dict:
    """The data of every download button the app draws from now on, by the button's key: AppTest
    shows a button but not what it gives."""
    import streamlit

    got: dict = {}
    real = streamlit.download_button

    def recording(label, data, *args, **kwargs):
        got[kwargs.get("key")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recording)
    return got
