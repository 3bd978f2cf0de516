"""Elements, the app: `streamlit run ui/app.py`.

A frame around the pages (the quick exit, a line saying what Elements is) and the page
list. The app holds no legal logic: every page calls the `elements` API.
"""
from __future__ import annotations

import sys
from pathlib import Path

UI = Path(__file__).resolve().parent
# The pages import the small modules beside this file (state, display, ...).
if str(UI) not in sys.path:
    sys.path.insert(0, str(UI))

import streamlit as st  # noqa: E402

import page_list  # noqa: E402
import quick_exit  # noqa: E402
import style  # noqa: E402


def pages() -> dict[str, list]:
    return {
        section: [st.Page(f"{page_list.FOLDER}/{name}", title=title, default=name == page_list.DEFAULT) for name, title in items]
        for section, items in page_list.sections().items()
    }


st.set_page_config(
    page_title="Elements: the definition of trafficking in persons, explained",
    layout="wide",
    menu_items={
        "Get help": None,
        "Report a bug": None,
        "About": "Elements explains the legal definition of trafficking in persons. It decides no case.",
    },
)

if quick_exit.leaving():
    quick_exit.leave()

style.apply()
quick_exit.button()
page = st.navigation(pages())
st.caption(
    "Elements explains the legal definition of trafficking in persons, element by element. "
    "It teaches; it never decides a case or says that someone is or is not a victim."
)
page.run()
