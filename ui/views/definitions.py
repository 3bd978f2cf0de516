"""Definitions: the verbatim texts with citations, a glossary, the limitations, privacy."""
from __future__ import annotations

import streamlit as st

import display
from elements import api
from safe import md_escape_inline as esc

CONFIDENCE = {
    "verified": "text checked against an official source",
    "secondary": "text from a secondary source",
    "unconfirmed": "text not yet confirmed: check it against the official source",
}

LIMITATIONS = """
- Elements explains the **legal definition** of trafficking in persons for training and teaching.
  It is not legal advice, and it never decides a case or says that someone is or is not a victim:
  that is for the competent authorities and courts, on all the evidence.
- It works only on the answers given. The facts entered are indicators of the elements, not proof
  of them; an account given after trauma may be incomplete or change.
- A question answered **Not sure** stays unknown. Elements never reads it as "no", and says which
  findings depend on it.
- It covers the elements of the definitions as written in the instruments below. National laws
  implement them differently, courts interpret them, and the list of forms of exploitation is a
  minimum: other serious exploitation may still count.
- It does not cover the rest of an offence or a procedure: intent and knowledge, defences,
  jurisdiction, evidence, or the identification and referral of victims.
- Consensual sex work between adults is not trafficking under the definition, and helping someone
  cross a border with their agreement is migrant smuggling, not trafficking. The results say so
  where it applies.
- Hotlines and services were checked on the date shown with each. Check a number before relying
  on it. If someone is in immediate danger, call the emergency number.
"""

PRIVACY = """
- **Nothing you type is stored or sent anywhere.** Your answers are kept only in the memory of the
  server running this app, for your browser session. They are not written to disk, there are no
  accounts, and usage statistics are switched off.
- Closing the tab ends the session; the server forgets it shortly afterwards.
  **Quick exit** (top of every page, or press Shift three times) leaves at once for a neutral
  website, even with the connection lost, and the server forgets your answers. If you press Back
  afterwards, this tab goes to the neutral website again.
- Your browser still keeps a history of the pages you opened here (each step has its own
  address) and their title, *Elements*. If someone else may look at this device, use a **private
  window** (in Chrome, Edge or Firefox: Ctrl+Shift+N or Ctrl+Shift+P; on a phone, the browser's
  private or incognito tab), which keeps no history once closed. Otherwise, clear it afterwards:
  in most browsers Ctrl+H (Cmd+Y on a Mac) opens the history, where you can delete these pages.
- An uploaded scenario file is read in memory and not kept.
- Exports are made only when you ask, and go to your device. They leave the narrative out unless
  you tick the box that includes it.
- Elements needs no names or details that identify anyone: please leave them out. Whoever runs the
  server this app is on can see its traffic, as with any website.
"""

st.title("Definitions")
st.markdown(
    "The definitions Elements explains, word for word, with their citations; the words the "
    "questions use; what Elements cannot do; and what happens to what you type."
)

st.header("The legal texts")
for pack in api.frameworks():
    with st.expander(pack.title, expanded=pack.framework == "palermo"):
        st.markdown(f"**Instrument:** {esc(pack.instrument)}  \n**Version:** {esc(pack.version)}  \n"
                    f"**In force:** {pack.in_force.isoformat()}  \n**Source:** {esc(pack.source)}")
        st.markdown(esc(pack.summary))
        for provision in pack.provisions:
            display.provision(provision, CONFIDENCE[provision.confidence])

st.header("Glossary")
st.markdown("Each term is one question of the walkthrough.")
vocab = api.vocabulary()
for group in vocab.groups:
    st.subheader(group.title)
    st.markdown(esc(group.intro))
    if group.id == "person":
        st.markdown(f"- **Age**: {esc(vocab.age.help)}")
        continue
    st.markdown("\n".join(f"- **{esc(f.label)}**: {esc(f.help)}" for f in vocab.in_group(group.id)))
# A scenario file names each fact by its identifier: those who write one find them here, apart
# from what everyone else reads.
with st.expander("For people who write scenario files: each term's identifier"):
    rows = [("Age", "person.age")] + [(f.label, f.id) for g in vocab.groups if g.id != "person" for f in vocab.in_group(g.id)]
    st.markdown("| Term | Identifier |\n| --- | --- |\n" + "\n".join(f"| {esc(label)} | `{fid}` |" for label, fid in rows))

st.header("Limitations")
st.markdown(LIMITATIONS)

st.header("Privacy")
st.markdown(PRIVACY)
