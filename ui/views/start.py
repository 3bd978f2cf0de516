"""Start: what Elements is and is not, who it is for, what to do in danger, and how to begin."""
from __future__ import annotations

import streamlit as st

import display
import nav
import questions
import state
from elements import api

st.title("Elements: the legal definition of trafficking in persons, explained", anchor=False)
st.markdown(
    "Describe a situation one step at a time (what was done, how, and for what purpose) and Elements "
    "shows which parts of the legal definition it touches, under the UN Palermo Protocol or another "
    "framework, with the provision behind every step."
)

with st.container(border=True, key="danger"):
    display.emergency_line(api.emergency(state.draft().country), more="")
    questions.country_question()

st.markdown(
    "**It is for** caseworker training, teaching the law in a classroom, and anyone who wants the "
    "definition explained.\n\n"
    "**It does not** decide a case, give legal advice, or say that someone is or is not a victim: that "
    "is for the competent authorities and courts. A question you are not sure about stays unknown, "
    "never a \"no\". Consensual sex work between adults is not trafficking under the definition, and "
    "helping someone cross a border with their agreement is smuggling, not trafficking.\n\n"
    "**Your privacy:** nothing you type is stored. **Quick exit** (top right, or press Shift three "
    "times) leaves at once for a neutral website."
)
if st.button("Start the walkthrough", type="primary", key="start.go"):
    nav.go("walkthrough", step="person")
st.caption("Or load a scenario from a file or the training library, or use the training pages, from the menu.")
