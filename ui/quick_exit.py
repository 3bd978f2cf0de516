"""Quick exit, on the server: forget everything entered in this session.

The browser leaves for the neutral site by itself (scripts.py), and presses this button on
its way out while the connection lasts. Where the browser's script has not run, the button is
shown, and the server sends the browser away after clearing the session.
"""
from __future__ import annotations

import streamlit as st

import scripts

LEAVING = "leaving"
BUTTON_KEY = "quick_exit"


def clear_session() -> None:
    """Forget every answer, upload and choice, and mark the session as leaving."""
    st.session_state.clear()
    st.query_params.clear()
    st.session_state[LEAVING] = True


def leave_if_asked() -> None:
    """Shown instead of any page once the session is cleared."""
    if not st.session_state.get(LEAVING):
        return
    # Clear again: the browser sent its widget values with this run, and their callbacks
    # ran after clear_session(), writing answers back into the state.
    st.session_state.clear()
    st.session_state[LEAVING] = True
    scripts.redirect()
    st.markdown(f"Everything you entered has been cleared. Leaving for [a neutral website]({scripts.NEUTRAL_SITE}).")
    st.stop()


def button() -> None:
    # style.py pins it to the top right; hidden where the browser's own quick exit is there.
    st.button("Quick exit ✕", key=BUTTON_KEY, type="primary", on_click=clear_session,
              help="Clears everything you entered and leaves this site at once.")
