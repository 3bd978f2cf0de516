"""Elements, the app: `streamlit run ui/app.py`.

A frame around the pages (the browser's script, the quick exit, a line saying what Elements
is) and the page map (nav.py). The app holds no legal logic: every page calls the `elements` API.
"""
from __future__ import annotations

import sys
from pathlib import Path

UI = Path(__file__).resolve().parent
# The pages import the small modules beside this file (state, display, ...).
if str(UI) not in sys.path:
    sys.path.insert(0, str(UI))

import streamlit as st  # noqa: E402

import nav  # noqa: E402
import quick_exit  # noqa: E402
import scripts  # noqa: E402
import style  # noqa: E402

# A neutral title: the browser's tab and history show it to whoever looks at this device.
st.set_page_config(page_title="Elements", layout="wide", menu_items={
    "Get help": None, "Report a bug": None,
    "About": "Elements explains the legal definition of trafficking in persons. It decides no case.",
})
scripts.install()  # first, so a tab that used the quick exit leaves before anything is drawn
quick_exit.leave_if_asked()
style.apply()
quick_exit.button()
page = st.navigation(nav.pages())
if page.url_path != "":  # the start page says it at length
    st.caption("Elements explains the legal definition of trafficking in persons, element by element. "
               "It teaches; it never decides a case or says that someone is or is not a victim.")
page.run()
