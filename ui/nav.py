"""The app's pages by name: the page map st.navigation gets, and the one way to go to a page.

The page files live in ui/views/, not ui/pages/: Streamlit treats a folder named `pages`
beside the entry script as an old-style multipage app, and would serve a deep link (/result)
without app.py (no quick exit, no navigation).
"""
from __future__ import annotations

import streamlit as st

SECTIONS = {
    "Check a scenario": {"start": "Start", "walkthrough": "Walkthrough", "result": "Result",
                         "compare": "Compare frameworks", "load": "Load a scenario"},
    "Training": {"exercise": "Exercise", "classroom": "Classroom", "narrative": "From a narrative",
                 "author": "Write a scenario"},
    "Reference": {"definitions": "Definitions, limits and privacy"},
}
DEFAULT = "start"
TITLES = {name: title for pages in SECTIONS.values() for name, title in pages.items()}


def page(name: str) -> st.Page:
    return st.Page(f"views/{name}.py", title=TITLES[name], default=name == DEFAULT)


def pages() -> list[st.Page]:
    """Every page, in the sections' order. One flat list: Streamlit draws sections as headings
    inside the navigation's list, which screen readers cannot read as a list (axe: list)."""
    return [page(name) for pages in SECTIONS.values() for name in pages]


def go(name: str, **query: str) -> None:
    """Show another page (with these query parameters): the script run stops here."""
    st.switch_page(page(name), query_params=query or None)
