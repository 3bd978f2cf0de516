"""The app's few style rules: fixed CSS, never built from user text.

Streamlit marks a keyed element with the class st-key-<key>; these rules use that.
"""
from __future__ import annotations

import streamlit as st

CSS = """<style>
/* Quick exit: always in view, top right, first in the page and unlike any other control. */
.el-quick-exit, .st-key-quick_exit{position:fixed;top:0.55rem;right:1rem;z-index:1000002;width:auto!important}
.el-quick-exit, .st-key-quick_exit button{background:#1a1a1a;border:2px solid #1a1a1a;color:#fff;
  font:600 1rem/1.2 sans-serif;padding:0.5rem 0.9rem;border-radius:0.5rem;text-decoration:none}
.el-quick-exit:hover, .st-key-quick_exit button:hover{background:#000;color:#fff}
/* The browser's own quick exit replaces the server's button once its script has run. */
body:has(.el-quick-exit) .st-key-quick_exit, .st-key-scripts{display:none}
/* Focus is always visible: a thick yellow and black ring (GOV.UK's), on every control. */
:focus-visible, [data-baseweb] :focus-visible, label:has(input:focus-visible){
  outline:3px solid #1a1a1a!important;outline-offset:2px!important;box-shadow:0 0 0 6px #ffdd00!important}
/* Help text dark enough to read: Streamlit fades captions to about 3.9:1 on white; this is 8.6:1. */
[data-testid="stCaptionContainer"]{opacity:1!important}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *{color:#474a54!important}
/* Check your answers: each Change reads as the link it acts as. */
[class*="st-key-change"] button, [class*="st-key-change"] button *{color:#1d4f91!important;text-decoration:underline}
/* A step's heading starts the page below the app's header after Next. */
[class*="st-key-step_"] h2{scroll-margin-top:4.5rem}
/* The element checklist stays beside the questions while a long step scrolls. When the
   columns stack (narrow windows, high zoom) its column is only as tall as itself: no effect. */
.st-key-checklist{position:sticky;top:4rem;z-index:1}
</style>"""


def apply() -> None:
    st.html(CSS)
