"""The baseline for bench_app.py: the least a Streamlit page can do with one answer (a radio
and a line that shows it), served and measured the same way as the app, in the same run."""
import streamlit as st

st.title("Baseline")
choice = st.radio("Was the person recruited?", ("Yes", "No", "Not sure"), index=None, horizontal=True)
with st.container(key="checklist"):
    st.markdown(f"Action: {'✔ met' if choice == 'Yes' else '? unknown'}")
