"""Every script the app puts in a page, in this one module, and every one fixed text.

browser.js (beside this file) is the quick exit that works in the browser itself, on a click
or on Shift pressed three times, and again whenever this tab shows the app after leaving it;
keyboard focus on a step's heading when the step changes; and the classroom's keys (arrows,
Space, a clicker's Page Down and Page Up press its Next and Back buttons). The server-side redirect is the
fallback for a page that has not run it. No user text ever reaches either.
"""
from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

NEUTRAL_SITE = "https://www.bbc.com/weather"

BROWSER = ("<script>const NEUTRAL = " + json.dumps(NEUTRAL_SITE) + ";\n"
           + (Path(__file__).parent / "browser.js").read_text(encoding="utf-8") + "</script>")
REDIRECT = "<script>window.location.replace(" + json.dumps(NEUTRAL_SITE) + ");</script>"


def install() -> None:
    # In a container CSS hides: the script runs, and takes no room on the page.
    with st.container(key="scripts"):
        st.html(BROWSER, unsafe_allow_javascript=True)


def redirect() -> None:
    st.html(REDIRECT, unsafe_allow_javascript=True)
