"""The app's few style rules: fixed CSS, never built from user text.

Streamlit marks a keyed element with the class st-key-<key>; these rules use that.
"""
from __future__ import annotations

import streamlit as st

CSS = """<style>
/* Quick exit: always in view, top right, and unlike any other button. */
.st-key-quick_exit{position:fixed;top:0.55rem;right:1rem;z-index:1000001;width:auto!important}
.st-key-quick_exit button{background:#1a1a1a;border:2px solid #1a1a1a;color:#fff}
.st-key-quick_exit button:hover,.st-key-quick_exit button:focus-visible{background:#000;color:#fff;outline:3px solid #f2b705;outline-offset:2px}
/* The element checklist stays beside the questions while a long step scrolls. When the
   columns stack (narrow windows, high zoom) its column is only as tall as itself: no effect. */
.st-key-checklist{position:sticky;top:4rem;z-index:1}
</style>"""


def apply() -> None:
    st.html(CSS)
