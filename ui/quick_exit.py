"""Quick exit: forget everything entered in this session and leave for a neutral site.

Someone may be using Elements where it is not safe to be seen doing so. One click (or
Enter on the focused button) clears the session state on the server, then replaces the
page in the browser's history with a neutral website, so Back does not return here.
"""
from __future__ import annotations

import streamlit as st

NEUTRAL_SITE = "https://www.bbc.com/weather"
LEAVING = "el.leaving"
BUTTON_KEY = "quick_exit"

# A fixed string, never user text: it is the only script the app runs in the page.
_REDIRECT = f'<script>window.location.replace("{NEUTRAL_SITE}");</script>'


def clear_session() -> None:
    """Forget every answer, upload and choice, and mark the session as leaving."""
    st.session_state.clear()
    st.query_params.clear()
    st.session_state[LEAVING] = True


def leaving() -> bool:
    return bool(st.session_state.get(LEAVING))


def leave() -> None:
    """Send the browser away; shown instead of any page once the session is cleared."""
    # Clear again: the browser sent its widget values with this run, and their callbacks
    # ran after clear_session(), writing answers back into the state.
    st.session_state.clear()
    st.session_state[LEAVING] = True
    st.html(_REDIRECT, unsafe_allow_javascript=True)
    st.markdown(f"Everything you entered has been cleared. Leaving for [a neutral website]({NEUTRAL_SITE}).")
    st.stop()


def button() -> None:
    # style.py pins it to the top right of every page.
    st.button(
        "Quick exit ✕",
        key=BUTTON_KEY,
        type="primary",
        on_click=clear_session,
        help="Clears everything you entered and leaves this site at once.",
    )
