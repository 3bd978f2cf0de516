"""Classroom: for a projector. The narrative in large type in one column and, in the other, one
step at a time: the class's vote on an element (a show of hands the lecturer counts, or skips),
then the engine's finding beside that vote, then the outcome, then its caveats one at a time.
Up to three frameworks side by side, switched on and off live so a class can see where they part
ways. A step fits the window with the narrative beside it, at 1280 x 720 as at 1920 x 1080: a
finding's explanation opens with its first sentence in large type, the law's detail after it
smaller, and each caveat has a step of its own.

The keys step through it (→, Space and a clicker's Page Down forward; ← and Page Up back:
ui/browser.js presses this page's Next and Back buttons). Presenter mode hides the controls and
the sidebar. The teacher's notes are a view of their own (?view=notes), for the lecturer's
screen: the projected view never shows them.

Every status, provision and explanation shown is the engine's (elements.evaluate); this page
only chooses how much of it to show, and it shows the class's vote without grading it.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

import streamlit as st

import display
import library
import reveal
from elements import api
from elements.words import ROLES
from safe import md_escape, md_escape_inline as esc

AT = "cls.at"  # the position in the order of play (ui/reveal.py)
VOTES = "cls.votes"  # element role -> the class's vote (None: no vote taken)
SHOWN_FOR = "cls.shown_for"  # the scenario the position and the votes belong to
PRESENTER = "cls.presenter"
VOTING = "cls.voting"
CAVEATS = "cls.caveats"  # how many caveat steps follow the outcome, for the frameworks shown
MAX_SIDE_BY_SIDE = 3
DEFAULT_FRAMEWORK = "palermo"
DECIDES_NOTHING = ("These findings explain how each definition reads the facts given; they decide nothing "
                   "about anyone.")

# Fixed CSS, never built from user text. Large type on the stage; the narrative and the step
# each in a column no taller than the window, so a reveal never needs the page scrolled (a
# column too long for a small screen scrolls on its own).
CSS = """<style>
.st-key-cls_stage p, .st-key-cls_stage li{font-size:max(1.65rem, 1.5vw);line-height:1.4}
.st-key-cls_stage h2{font-size:max(2.2rem, 2vw);padding:0 0 0.25rem}
.st-key-cls_stage h3{font-size:max(1.9rem, 1.7vw);padding:0.2rem 0}
.st-key-cls_stage{scroll-margin-top:4rem}
/* The room for the stage: a projector's window is small. */
[data-testid="stMainBlockContainer"]{padding-left:2rem;padding-right:2rem;max-width:none}
/* Streamlit pulls a paragraph's last margin back with a negative one; on a column that scrolls
   on its own, that would hide the last line's foot. */
.st-key-cls_stage [data-testid="stMarkdownContainer"], .st-key-cls_stage [data-testid="stCaptionContainer"]{margin-bottom:0}
.st-key-cls_stage [data-testid="stMarkdownContainer"] p:last-child, .st-key-cls_stage [data-testid="stCaptionContainer"] p:last-child{margin-bottom:0}
.st-key-cls_narrative, .st-key-cls_step{max-height:calc(100vh - 4.5rem);overflow-y:auto;padding-right:0.4rem}
/* A phone stacks the columns: one page that scrolls, no box scrolling inside it. */
@media (max-width: 640px){.st-key-cls_narrative, .st-key-cls_step{max-height:none;overflow-y:visible}}
.st-key-cls_stage [data-testid="stVerticalBlock"]{gap:0.6rem}
/* The step's wide share (two or three frameworks side by side, or a caveat): the narrative,
   the frameworks' names, the facts and the reasons in a smaller, still large, type; each
   status as large as ever. */
.st-key-cls_layout_wide .st-key-cls_narrative p{font-size:max(1.3rem, 1.3vw)}
.st-key-cls_layout_wide .st-key-cls_narrative h2{font-size:max(1.7rem, 1.7vw)}
/* A finding's explanation: its first sentence (what the engine finds) large, the facts and the
   law's detail after it in a smaller type, still read across a room. */
[class*="st-key-cls_more_"] p{font-size:max(1.3rem, 1.2vw);line-height:1.35}
.st-key-cls_columns_2 [class*="st-key-cls_lead_"] p, .st-key-cls_columns_3 [class*="st-key-cls_lead_"] p,
.st-key-cls_columns_2 [class*="st-key-cls_name_"] p, .st-key-cls_columns_3 [class*="st-key-cls_name_"] p{font-size:max(1.1rem, 1.15vw);line-height:1.35}
.st-key-cls_columns_2 [class*="st-key-cls_more_"] p, .st-key-cls_columns_3 [class*="st-key-cls_more_"] p{font-size:max(0.95rem, 1vw);line-height:1.3}
.st-key-cls_columns_2 [data-testid="stHeadingWithActionElements"] ~ p{font-size:max(1.35rem, 1.35vw)}
.st-key-cls_columns_3 [data-testid="stHeadingWithActionElements"] ~ p{font-size:max(1.2rem, 1.25vw);line-height:1.3}
/* Frameworks side by side: the vote above them in the narrative's type. */
.st-key-cls_layout_wide .st-key-cls_vote_line p{font-size:max(1.3rem, 1.3vw)}
/* A caveat, read whole in one step: its sources smaller. */
.st-key-cls_caveat p{font-size:max(1.3rem, 1.3vw);line-height:1.38}
.st-key-cls_caveat [data-testid="stCaptionContainer"] p{font-size:max(1.05rem, 1.05vw);line-height:1.35}
/* How far the class is, and that the findings decide nothing: a line at the foot of each step. */
.st-key-cls_foot p{font-size:max(1.05rem, 1.05vw)!important;line-height:1.35}
.st-key-cls_foot [data-testid="stVerticalBlock"]{gap:0.1rem}
.st-key-cls_stage [data-testid="stWidgetLabel"] p{font-size:1.4rem!important}
.st-key-cls_stage input{font-size:1.5rem}
</style>"""
# Presenter mode: only the stage, across the whole window.
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"]{display:none!important}
[data-testid="stMainBlockContainer"]{padding:0.6rem 1.5rem 0.3rem!important;max-width:none!important}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :not(.st-key-cls_stage):not(:has(.st-key-cls_stage)){display:none!important}
.st-key-cls_narrative, .st-key-cls_step{max-height:calc(100vh - 1.2rem)}
.st-key-cls_show{position:fixed;bottom:0.5rem;right:1rem;z-index:1000001;width:auto!important}
.st-key-cls_show button{padding:0.1rem 0.6rem;min-height:0}
.st-key-cls_show button p{font-size:0.9rem!important}
</style>"""


def start_over(sid: str) -> None:
    st.session_state[SHOWN_FOR] = sid
    st.session_state[AT] = 0
    st.session_state[VOTES] = {}


def go_to(position: int) -> None:
    st.session_state[AT] = position


def voting() -> bool:
    return bool(st.session_state.get(VOTING, True))


def count_key(sid: str, role: str, index: int) -> str:
    return f"cls.count.{sid}.{role}.{index}"


def take_vote(sid: str, role: str, skipped: bool = False) -> None:
    counts = [st.session_state.get(count_key(sid, role, i)) or 0 for i in range(len(reveal.VOTE_CHOICES))]
    st.session_state[VOTES][role] = None if skipped else reveal.counted(*counts)


def caveat_steps() -> int:
    return st.session_state.get(CAVEATS, 0)


def forward(sid: str, skipped: bool = False) -> None:
    """Next: from a vote, the vote as counted (or skipped) is kept and the finding shown."""
    at = reveal.settle(st.session_state[AT], voting(), caveat_steps())
    if reveal.kind(at) == "vote":
        take_vote(sid, reveal.role(at), skipped)
    st.session_state[AT] = reveal.forward(at, voting(), caveat_steps())


def backward() -> None:
    st.session_state[AT] = reveal.backward(st.session_state[AT], voting(), caveat_steps())


def leave_presenter() -> None:
    st.session_state[PRESENTER] = False


def choose_from_address(key: str) -> None:
    """?scenario=<id> chooses that library scenario (the notes window opens on the projected one),
    by its place in library.picker's list: the scenarios with a narrative, in the library's order
    (tests/test_ui_classroom.py checks the two agree)."""
    wanted = st.query_params.get("scenario")
    if not wanted or key in st.session_state:
        return
    offered = [e for e in library.entries() if e.scenario is not None and e.scenario.narrative]
    index = next((i for i, e in enumerate(offered) if (e.scenario.id or e.path.stem) == wanted), None)
    if index is None:
        st.info("The scenario in this address is not in the library (a scenario loaded for one session "
                "stays in its own window): choose one below.", icon="ℹ️")
    else:
        st.session_state[key] = index


def frameworks_from_address() -> list[str]:
    ids = api.framework_ids()
    asked = [f for f in st.query_params.get("fw", "").split(",") if f in ids]
    return asked[:MAX_SIDE_BY_SIDE] or ([DEFAULT_FRAMEWORK] if DEFAULT_FRAMEWORK in ids else ids[:1])


def role_title(role: str) -> str:
    return role.title()


# A sentence ends at . ! or ? before a capital, an opening bracket or a quote; not after an
# abbreviation the law's citations use.
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(“\"])")
ABBREVIATIONS = {"art", "arts", "s", "ss", "no", "para", "paras", "e.g", "i.e", "cf", "u.s.c", "v", "st"}


def lead(text: str) -> tuple[str, str]:
    """An explanation's first sentence, and the rest (empty when it is one sentence)."""
    for end in SENTENCE_END.finditer(text):
        words = text[:end.start()].split()
        if words and words[-1].lstrip("(").lower() not in ABBREVIATIONS:
            return text[:end.start() + 1], text[end.end():]
    return text, ""


def element_title(results: list, role: str) -> str:
    """'Means', or 'Action (travel)' where the first framework shown names it its own way."""
    label = results[0].elements[role].label
    return role_title(role) + (f" ({label})" if label.lower() != role else "")


# ------------------------------------------------------------------ the teacher's notes


def notes_view() -> None:
    """For the lecturer's own screen: the teaching notes, the discussion questions, the sources,
    and what the engine will show, element by element."""
    st.title("Classroom: the teacher's notes")
    st.caption("For your own screen, not the projector. Open the classroom itself in another window.")
    choose_from_address("cls.notes_scenario")
    entry = library.picker("Scenario", "cls.notes_scenario")
    scenario = entry.scenario
    st.markdown(f"## {esc(scenario.title or scenario.id or entry.path.stem)}")
    st.markdown("### Teaching notes")
    st.markdown(md_escape(scenario.teaching_notes) if scenario.teaching_notes else "This scenario has none.")
    st.markdown("### To discuss")
    st.markdown("\n".join(f"- {esc(q)}" for q in scenario.discussion_questions)
                if scenario.discussion_questions else "This scenario has none.")
    if scenario.sources:
        st.markdown("### Sources\n" + "\n".join(f"- {esc(s)}" for s in scenario.sources))
    st.markdown("### What the engine will show")
    for framework in frameworks_from_address():
        result = api.evaluate(scenario, framework)
        st.markdown(f"**{esc(result.framework_title)}**")
        display.element_checklist(result, scenario)
    st.caption(DECIDES_NOTHING)


# ------------------------------------------------------------------ the projected view


def finding_column(result, role: str) -> None:
    """One framework's finding: its status and provision large, the facts and the reason below."""
    finding = result.elements[role]
    name = esc(api.get_pack(result.framework).short_title)
    with st.container(key=f"cls_name_{result.framework}"):
        st.markdown(f"**{name}**" + (f": {esc(finding.label)}" if finding.label.lower() != role else ""))
    st.markdown(f"### {display.status_words(finding.status)}\n\n"
                + display.cite(finding.citation, finding.url, finding.confidence))
    step = result.element_step(role)
    first, rest = lead(step.text) if step is not None else ("", "")
    more = ([f"By: {esc(display.fact_names(finding.satisfied_by))}."] if finding.satisfied_by else []) \
        + ([esc(rest)] if rest else [])
    if first or more:
        with st.container(key=f"cls_why_{result.framework}"):
            if first:
                with st.container(key=f"cls_lead_{result.framework}"):
                    st.markdown(esc(first))
            if more:
                with st.container(key=f"cls_more_{result.framework}"):
                    st.markdown("\n\n".join(more))


def side_by_side(results: list, draw) -> None:
    with st.container(key=f"cls_columns_{len(results)}"):
        for column, result in zip(st.columns(len(results)), results):
            with column:
                draw(result)


def vote_step(sid: str, role: str, label: str) -> None:
    st.markdown(f"## {esc(label)}: what does the class think?")
    st.markdown("A show of hands: is this element met, not met, or open (the facts cannot tell)? "
                "Enter the counts, or skip the vote.")
    # Back from a finding to its vote: the counts as they were (Streamlit forgets a widget that
    # was not drawn, so they come from the vote kept).
    kept = st.session_state[VOTES].get(role) or (0,) * len(reveal.VOTE_CHOICES)
    for column, (index, choice) in zip(st.columns(3), enumerate(reveal.VOTE_CHOICES)):
        column.number_input(choice.capitalize(), min_value=0, max_value=9999, step=1, value=kept[index],
                            key=count_key(sid, role, index))
    left, right = st.columns(2)
    left.button("Reveal the finding", key="cls_reveal", on_click=forward, args=(sid,), type="primary",
                use_container_width=True)
    right.button("Skip the vote", key="cls_skip", on_click=forward, args=(sid, True), use_container_width=True)


def finding_step(results: list, role: str, label: str, vote) -> None:
    st.markdown(f"## {esc(label)}")
    with st.container(key="cls_vote_line"):
        st.markdown(f"**The class voted:** {reveal.vote_words(vote)}. **The engine finds:**")
    side_by_side(results, lambda r: finding_column(r, role))


def caveats_of(results: list) -> list:
    """Every chosen framework's caveats, each once, in the order the frameworks raise them: for a
    contrast scenario the distinction (sex work, smuggling) is the point of the lesson."""
    found = {}
    for r in results:
        for c in r.caveats:
            found.setdefault(c.id, c)
    return list(found.values())


def outcome_step(results: list, votes: dict, caveats: list) -> None:
    st.markdown("## Outcome")
    side_by_side(results, lambda r: st.markdown(
        f"**{esc(api.get_pack(r.framework).short_title)}**: {display.outcome_words(r.outcome)}.  \n"
        + "  \n".join(f"{esc(r.elements[role].label)}: {display.status_words(r.elements[role].status)}"
                      for role in ROLES)
        + f"  \nChild: {display.child_line(r)}."))
    if any(v is not None for v in votes.values()):
        st.markdown("**The class voted:** " + "; ".join(
            f"{role_title(role)} {reveal.vote_words(votes.get(role))}" for role in ROLES) + ".")
    if caveats:
        st.markdown(f"Next, the caveats ({len(caveats)}), one at a time.")


def caveat_step(caveats: list, index: int) -> None:
    st.markdown(f"## Caveats ({index + 1} of {len(caveats)})")
    with st.container(key="cls_caveat"):
        display.caveats([caveats[index]])


def start_step() -> None:
    st.markdown("## The elements, one at a time")
    st.markdown("\n".join(f"{n}. {role_title(role)}" for n, role in enumerate(ROLES, 1)))
    st.markdown("Press → or Space (or a clicker's Page Down) for the next step, ← or Page Up to go back."
                + (" Before each finding the class votes." if voting() else ""))


def stage(scenario, sid: str, results: list, caveats: list, at: int) -> None:
    step_kind, role = reveal.kind(at), reveal.role(at)
    with st.container(key="cls_stage"):
        # Several frameworks side by side take the wider share of the window, and so does a
        # caveat (the longest has a thousand characters, and its sources).
        wide = len(results) > 1 or step_kind == "caveat"
        layout = st.container(key="cls_layout_wide" if wide else "cls_layout_narrow")
        left, right = layout.columns([4, 8] if wide else [5, 6], gap="medium")
        with left, st.container(key="cls_narrative"):
            st.markdown(f"## {esc(scenario.title or sid)}")
            st.markdown(md_escape(scenario.narrative))
        with right, st.container(key="cls_step"):
            # A keyed marker per position: ui/browser.js brings a new step into view.
            with st.container(key=f"cls_at_{at}"):
                label = element_title(results, role) if results and role else ""
                if not results:
                    st.markdown("Choose at least one framework to show its findings.")
                elif step_kind == "start":
                    start_step()
                elif step_kind == "vote":
                    vote_step(sid, role, label)
                elif step_kind == "finding":
                    finding_step(results, role, label, st.session_state[VOTES].get(role))
                elif step_kind == "outcome":
                    outcome_step(results, st.session_state[VOTES], caveats)
                else:
                    caveat_step(caveats, reveal.caveat(at))
                with st.container(key="cls_foot"):
                    st.markdown(f"*{reveal.revealed(at)} of {len(ROLES)} elements revealed.*")
                    st.caption(DECIDES_NOTHING)
        if st.session_state.get(PRESENTER):
            st.button("Show the controls", key="cls_show", on_click=leave_presenter)


def projected_view() -> None:
    st.title("Classroom")
    st.html(CSS)
    choose_from_address("cls.scenario")
    with st.container(key="cls_controls"):
        entry = library.picker("Scenario", "cls.scenario")
        scenario = entry.scenario
        sid = scenario.id or entry.path.stem
        if st.session_state.get(SHOWN_FOR) != sid:
            start_over(sid)

        ids = api.framework_ids()
        chosen = st.pills(
            f"Frameworks shown (up to {MAX_SIDE_BY_SIDE} side by side)", ids, selection_mode="multi",
            default=frameworks_from_address(), format_func=lambda f: api.get_pack(f).short_title,
            key="cls.frameworks",
        )
        chosen = [f for f in ids if f in (chosen or [])]
        if len(chosen) > MAX_SIDE_BY_SIDE:
            st.warning(f"Up to {MAX_SIDE_BY_SIDE} frameworks fit side by side: the first {MAX_SIDE_BY_SIDE} "
                       "of those chosen, in the list's order, are shown.", icon="ℹ️")
            chosen = chosen[:MAX_SIDE_BY_SIDE]

        results = [api.evaluate(scenario, fw) for fw in chosen]
        caveats = caveats_of(results)
        st.session_state[CAVEATS] = len(caveats)

        toggles = st.columns(2)
        toggles[0].toggle("Ask the class before each finding (a show of hands)", value=True, key=VOTING)
        toggles[1].toggle("Presenter mode: hide these controls and the sidebar", key=PRESENTER)
        at = reveal.settle(st.session_state[AT], voting(), len(caveats))
        buttons = st.columns(4)
        buttons[0].button("Back (← or Page Up)", key="cls_back", on_click=backward, disabled=at == 0,
                          use_container_width=True)
        buttons[1].button("Next (→, Space or Page Down)", key="cls_next", on_click=forward, args=(sid,),
                          disabled=at >= reveal.end(len(caveats)), type="primary", use_container_width=True)
        buttons[2].button("Reveal all", key="cls_all", on_click=go_to, args=(reveal.LAST,),
                          disabled=at >= reveal.LAST, use_container_width=True)
        buttons[3].button("Hide the findings", key="cls_hide", on_click=go_to, args=(0,), disabled=at == 0,
                          use_container_width=True)
        notes = "classroom?" + urlencode({"view": "notes", "scenario": sid, "fw": ",".join(chosen)})
        st.link_button("The teacher's notes (open them on your own screen, not the projector)", notes)

    if st.session_state.get(PRESENTER):
        st.html(PRESENTER_CSS)
    stage(scenario, sid, results, caveats, at)


if st.query_params.get("view") == "notes":
    notes_view()
else:
    projected_view()
