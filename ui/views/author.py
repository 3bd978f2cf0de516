"""Write a scenario: the editor for a trainer's own training scenario.

Title, narrative, country, age, each fact Yes / No / Not sure (asked with the vocabulary's
questions, in the walkthrough's groups), the sentence of the narrative behind each stated fact,
teaching notes, discussion questions and sources. elements.authoring builds and validates the
scenario, lets the engine fill in the expected findings under every framework (shown here for
the trainer to confirm) and writes the library's YAML, offered as a download. Nothing is stored
on the server: the fields live in this browser session, and "use it now" adds the scenario to
the session's own scenarios (state.py), which the exercise and the classroom offer.

An existing scenario opens in the editor: one of the library's, one of the session's own, or an
uploaded YAML file of the library's format (read by the loader the Load page uses: a bad file is
refused with the file and the field named). Its fields fill the editor; downloaded unchanged it
is the same scenario (its facts stated unknown stay so, its tags are kept).
"""
from __future__ import annotations

import re
from typing import Any, Optional

import streamlit as st

import countries
import display
import library
import nav
from elements import api
from elements.api import build_scenario, complete, editable, scenario_file_name as file_name, to_yaml
from elements.model import Scenario
from elements.words import ROLES
from questions import OPTION_VALUES, OPTION_WORDS, OPTIONS
from safe import md_escape_inline as esc

STORE = "author"  # the editor's fields by name: kept while the trainer visits other pages
WIDGET = "au."  # the editor's widget keys: WIDGET + the field's name
SHOW = "author.show_findings"
OPENED = "author.opened"  # the name of the scenario last opened in the editor, said once
OPEN = "au_open."  # the opener's widget keys: not WIDGET's, which opening a scenario clears
vocab = api.vocabulary()
FIELD_WORDS = {"title": "Title", "id": "File name", "narrative": "Narrative", "jurisdiction": "Country",
               "person.age": "Age", "person": "Age", "teaching_notes": "Teaching notes",
               "discussion_questions": "Discussion questions", "sources": "Sources", "tags": "Tags"}


def fields() -> dict[str, Any]:
    return st.session_state.setdefault(STORE, {})


def bound(name: str) -> dict:
    """Widget arguments that copy its value into the editor's fields when it changes: a widget
    not drawn (another page) forgets its value, the fields do not."""
    key = WIDGET + name
    return {"key": key, "on_change": lambda: fields().__setitem__(name, st.session_state[key])}


def lines(text: Optional[str]) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def words(text: Optional[str]) -> list[str]:
    return [w.strip() for w in (text or "").split(",") if w.strip()]


def sentences(text: Optional[str]) -> list[str]:
    """The narrative's sentences, as it writes them (evidence quotes the narrative word for word)."""
    return [s.strip() for s in re.split(r"(?<=[.!?…])\s+", text or "") if s.strip()]


def in_words(exc: api.InputError) -> str:
    """The error with its field named as the editor labels it, never by its id."""
    field = exc.field
    match = re.fullmatch(r"(facts|evidence)\.(.+)", field)
    if match and match.group(2) in vocab.id_set:
        info = vocab.fact(match.group(2))
        words = f"“{info.question}”" if match.group(1) == "facts" else f"The sentence for “{info.label}”"
    else:
        number = re.fullmatch(r"(discussion_questions|sources|tags)\[(\d+)\]", field)
        # Questions and sources are a line each; tags are one line, separated by commas.
        place = "tag" if number and number.group(1) == "tags" else "line"
        words = (f"{FIELD_WORDS[number.group(1)]}, {place} {int(number.group(2)) + 1}" if number
                 else FIELD_WORDS.get(field, field or "The scenario"))
    return f"{words}: {exc.message}"


def open_scenario(scenario: Scenario, name: str) -> None:
    """Fill the editor's fields with a scenario (what it had is replaced). The widgets' own
    values are dropped, so that each is drawn anew from the fields."""
    given = editable(scenario)
    answers = {**{fid: "unsure" for fid in given["unknown"]},
               **{fid: "yes" if value else "no" for fid, value in given["facts"].items()}}
    st.session_state[STORE] = {
        "title": given["title"], "narrative": given["narrative"] or "", "jurisdiction": given["jurisdiction"],
        "age": given["age"], "teaching_notes": given["teaching_notes"] or "",
        "discussion_questions": "\n".join(given["discussion_questions"]), "sources": "\n".join(given["sources"]),
        "tags": ", ".join(given["tags"]), "id": given["id"] or "", "unknown": list(given["unknown"]),
        **{"fact." + fid: option for fid, option in answers.items()},
        **{"evidence." + fid: quote for fid, quote in given["evidence"].items()},
    }
    # Each widget is given its new value through its own key: the browser keeps a widget's
    # value until the server sends one (dropping the key would leave the old text on screen).
    # Streamlit logs, once, that these widgets also have a default; the two are the same.
    new = st.session_state[STORE]
    for field in ("title", "narrative", "teaching_notes", "discussion_questions", "sources", "id", "tags"):
        st.session_state[WIDGET + field] = new[field]
    st.session_state[WIDGET + "jurisdiction"] = new["jurisdiction"]
    st.session_state[WIDGET + "age"] = new["age"]
    for info in vocab.facts:
        st.session_state[WIDGET + "fact." + info.id] = new.get("fact." + info.id)
        st.session_state[WIDGET + "evidence." + info.id] = new.get("evidence." + info.id)
    st.session_state[SHOW] = False
    st.session_state[OPENED] = name


def opener() -> None:
    """Start from an existing scenario: the library's, the session's own, or an uploaded file."""
    with st.expander("Start from an existing scenario (the library's, yours, or a file)", expanded=not fields()):
        st.caption("Opening a scenario replaces what the editor holds. A library scenario keeps its file "
                   "name: to use your changed version in this session, give it a file name of its own.")
        found = [e for e in library.choices(narrative_only=False) if e.scenario is not None]
        if found:
            chosen = st.selectbox("A scenario of the library, or one of yours", range(len(found)),
                                  format_func=lambda i: found[i].name, key=OPEN + "pick")
            st.button("Open it in the editor", key=OPEN + "pick.go", on_click=open_scenario,
                      args=(found[chosen].scenario, found[chosen].name))
        upload = st.file_uploader("Or a scenario file (YAML, the library's format)", type=["yaml", "yml"],
                                  key=OPEN + "upload")
        if upload is not None:
            try:
                scenario = api.parse_scenario(upload.getvalue(), upload.name)
            except api.InputError as exc:
                # The file named, and the field as the editor labels it (a fact by its question).
                where = f"{exc.source}: {in_words(exc)}" if exc.field else f"{exc.source}: {exc.message}"
                st.error("This file cannot be opened. " + esc(where), icon="⚠️")
            else:
                display.differing_expectations([scenario], "The editor fills in the engine's findings, and a "
                                               "file downloaded from it carries those. If the file's were "
                                               "what you meant to teach, check its facts.")
                st.button(f"Open {upload.name} in the editor", key=OPEN + "upload.go", on_click=open_scenario,
                          args=(scenario, upload.name))
    opened = st.session_state.pop(OPENED, None)
    if opened:
        st.success(f"Opened {esc(opened)}: its fields are below.", icon="✅")


def fact_answers() -> dict[str, Optional[bool]]:
    f = fields()
    return {info.id: OPTION_VALUES[f["fact." + info.id]] for info in vocab.facts if f.get("fact." + info.id)}


def written() -> Scenario:
    """The fields as a completed scenario (the engine's expected findings in), or InputError."""
    f = fields()
    facts = fact_answers()
    evidence = {fid: f.get("evidence." + fid) for fid, value in facts.items() if value is not None}
    # A fact the opened scenario stated unknown, still Not sure: written as unknown again.
    unknown = [fid for fid in f.get("unknown", ()) if f.get("fact." + fid) == "unsure"]
    scenario = build_scenario(
        title=f.get("title") or "", narrative=f.get("narrative"), jurisdiction=f.get("jurisdiction"),
        age=f.get("age"), facts=facts, teaching_notes=f.get("teaching_notes"),
        discussion_questions=lines(f.get("discussion_questions")), sources=lines(f.get("sources")),
        evidence={k: v for k, v in evidence.items() if v}, id=f.get("id"), tags=words(f.get("tags")),
        unknown=unknown,
    )
    return complete(scenario)


def fact_question(info) -> None:
    stored = fields().get("fact." + info.id)
    st.radio(info.question, OPTIONS, horizontal=True, format_func=OPTION_WORDS.get,
             index=OPTIONS.index(stored) if stored in OPTIONS else None, **bound("fact." + info.id))


def evidence_choices(narrative: Optional[str]) -> None:
    """For each fact stated Yes or No, the narrative's sentence that says so (optional): the
    exercise quotes it in each fact's feedback."""
    stated = [fid for fid, value in fact_answers().items() if value is not None]
    parts = sentences(narrative)
    # A scenario opened in the editor may quote part of a sentence: it is offered as it is.
    quoted = [q for fid in stated if (q := fields().get("evidence." + fid)) and q in (narrative or "")]
    parts += [q for q in dict.fromkeys(quoted) if q not in parts]
    with st.expander(f"The narrative's sentence for each fact you stated ({len(stated)})"):
        if not stated or not parts:
            st.markdown("Write the narrative and answer some facts Yes or No first.")
            return
        st.caption("Optional. The exercise quotes the sentence in its feedback on that fact.")
        for fid in stated:
            stored = fields().get("evidence." + fid)
            options = [None, *parts]
            if stored not in options:  # the narrative was changed: the sentence is not in it any more
                st.warning(f"The sentence chosen for {esc(vocab.label(fid))} is no longer in the narrative: "
                           "choose it again.", icon="⚠️")
                fields()["evidence." + fid] = stored = None
                st.session_state.pop(WIDGET + "evidence." + fid, None)
            st.selectbox(f"Sentence for: {vocab.label(fid)}", options,
                         index=options.index(stored) if stored in options else 0,
                         format_func=lambda s: "No sentence chosen" if s is None else s, **bound("evidence." + fid))


def findings(scenario: Scenario) -> None:
    """The expected findings the engine filled in, every framework, by label and citation."""
    st.subheader("Expected findings (filled in by the engine)")
    st.markdown("These go into the file as the scenario's expected findings. Check that they are what you "
                "mean to teach; if not, change the facts.")
    for framework in api.framework_ids():
        result = api.evaluate(scenario, framework)
        with st.container(border=True):
            st.markdown(f"**{esc(result.framework_title)}**: {display.outcome_words(result.outcome)}")
            st.markdown("\n".join(
                f"- {esc(result.elements[role].label)}: {display.status_words(result.elements[role].status)} "
                f"({esc(result.elements[role].citation)})" for role in ROLES))


def use(scenario: Scenario, then_exercise: bool) -> None:
    try:
        replaced = library.add_own([scenario], file_name(scenario))
    except api.InputError as exc:
        st.error("It cannot be added. " + esc(in_words(exc)), icon="⚠️")
        return
    if then_exercise:
        st.session_state["ex.scenario"] = library.index_of(scenario.id)
        nav.go("exercise")
    st.success(("It replaced your earlier version. " if replaced else "")
               + "Added to your scenarios for this session: the exercise, the classroom and the Load page "
               "offer it now, marked “your scenario”.", icon="✅")


st.title("Write a scenario")
st.markdown(
    "Write a training scenario: the story, the facts as you mean them, and your teaching notes. The "
    "engine fills in what it finds under every framework, for you to confirm; then download the file "
    "(YAML, the format of the scenario library) or use the scenario at once in this session. Nothing "
    "is stored on the server: what you type stays in this browser session until you leave."
)
opener()
f = fields()
st.text_input("Title", value=f.get("title", ""), placeholder="A short name for the scenario", **bound("title"))
st.text_area("Narrative (what the trainee reads)", value=f.get("narrative", ""), height=200, **bound("narrative"))
options = countries.choices(f.get("jurisdiction"))
st.selectbox("Country (chooses the help lines shown; not the framework)", options,
             index=options.index(f.get("jurisdiction")), format_func=countries.name, **bound("jurisdiction"))
st.number_input(vocab.age.question + " (years; leave empty if not known)", min_value=0, max_value=130, step=1,
                value=f.get("age"), placeholder="Not known", **bound("age"))

st.header("The facts")
st.markdown("Answer each question as the narrative means it. *Not sure*, or no answer, leaves the fact "
            "unknown: it is never read as No.")
for group in vocab.groups:
    if group.id == "person":
        continue
    with st.expander(group.title, expanded=group.id in ("action", "means", "purpose")):
        for info in vocab.in_group(group.id):
            fact_question(info)
evidence_choices(f.get("narrative"))

st.header("For the teacher")
st.text_area("Teaching notes", value=f.get("teaching_notes", ""), **bound("teaching_notes"))
st.text_area("Discussion questions (one per line)", value=f.get("discussion_questions", ""),
             **bound("discussion_questions"))
st.text_area("Sources (one per line)", value=f.get("sources", ""), **bound("sources"))
with st.expander("File name and tags (optional)"):
    st.text_input("File name, without .yaml (made from the title when left empty)", value=f.get("id", ""),
                  placeholder="such as a-job-in-a-bakery", **bound("id"))
    st.text_input("Tags, separated by commas (the kind of scenario and child are filled in when left out)",
                  value=f.get("tags", ""), placeholder="such as typology:false_job_offer", **bound("tags"))

st.header("Your scenario")
if not (f.get("title") or "").strip():
    st.markdown("Give the scenario a title: then the engine's findings, the download and *use it now* appear here.")
    st.stop()
try:
    scenario = written()
except api.InputError as exc:
    st.error("The scenario cannot be made yet. " + esc(in_words(exc)), icon="⚠️")
    st.stop()

if st.button("Show the expected findings", key="au.findings", disabled=st.session_state.get(SHOW, False)):
    st.session_state[SHOW] = True
if st.session_state.get(SHOW):
    findings(scenario)
st.download_button("Download the scenario (YAML)", data=to_yaml(scenario), file_name=file_name(scenario),
                   mime="application/x-yaml", key="au.download", type="primary")
st.caption(f"Saved as {esc(file_name(scenario))}: `elements check` reads it, and the Load page takes it back.")
go_exercise, add = st.columns(2)
if go_exercise.button("Use it in the exercise now", key="au.exercise", disabled=not scenario.narrative):
    use(scenario, then_exercise=True)
if add.button("Add it to my scenarios for this session", key="au.add"):
    use(scenario, then_exercise=False)
if not scenario.narrative:
    st.caption("The exercise and the classroom need a narrative to show: write one to use it there.")
