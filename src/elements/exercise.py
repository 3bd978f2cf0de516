"""Training exercises: a trainee marks each element of a scenario, and is graded against the
engine's findings.

The trainee reads a narrative and marks the action, the means and the purpose as met, not met,
or "can't tell" (and an element as "not required" where they think it is), and picks the facts
they see for each. `grade()` evaluates the scenario with the engine and compares, element by
element. Nothing here reads the law: every right answer is what the engine finds, and the
facts an element can rest on are read from the framework's compiled rules.

The mark is right when it is the engine's status ("can't tell" for unknown). Where the
framework does not require an element here (a child's means under Art. 3(c)) but the
element's own rule holds in the scenario (the means were used all the same), "met" is right
too: present and not required are not opposites. The feedback then quotes the provision that
waives the element.

The facts. The engine's trace shows which facts the element's rule relied on (`relied_on`:
the element's `satisfied_by` when it is met, the rule's own when it is waived). An answer
that calls for facts (the element is met, or "met" is right for a waived one) is sufficient
when the engine, given the trainee's picked facts as true and nothing else, finds the
element's rule met. Every other fact is unknown for that run, and the age is the scenario's:
in three-valued logic a rule that holds while facts are unknown holds whatever they turn out
to be, so the picked facts meet the element on their own. (Taking the other facts as given
would let the scenario do the trainee's work; taking them as false would add claims the
trainee never made.) Only picks the scenario states true take part: a fact it does not state
is a wrong pick, not a reason. The facts the engine relied on that the trainee did not pick
are "also there" when the answer suffices, "missed" when it does not; a pick the engine did
not rely on is a wrong pick. Each fact's note quotes the narrative's sentence for it, where
the scenario file gives one (Scenario.evidence).

Score, per element: one point for the mark, and one for the facts: the share of the picks
that are right, and nothing when the answer calls for facts and they do not suffice. Six
points in all; the score is the share of them. A legally sufficient answer (every mark right,
enough right facts for each element, no wrong pick) scores 1.

A session's attempts are kept per trainee name, scenario and framework: checking the same
exercise again replaces the attempt (`record`), it is not averaged in.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone
from typing import Iterable, Literal, Optional

from pydantic import BaseModel, Field, field_validator

from .api import check_framework, element_facts, evaluate
from .expressions import rule_names
from .model import Caveat, Result, Scenario
from .packs import get_pack
from .vocabulary import vocabulary
from .words import OUTCOME_WORDS, ROLES, STATUS_WORDS, VALUE_WORDS

Mark = Literal["met", "not_met", "cant_tell", "not_required"]
MARKS: tuple[str, ...] = ("met", "not_met", "cant_tell", "not_required")
# A trainee's marks are the statuses, with "can't tell" for unknown.
MARK_WORDS = {**STATUS_WORDS, "cant_tell": "can't tell"}
del MARK_WORDS["unknown"]
# The engine's status, as the mark that matches it: "unknown" is what "can't tell" means.
MARK_FOR_STATUS = {"met": "met", "not_met": "not_met", "unknown": "cant_tell", "not_required": "not_required"}

# What each fact of an answer turned out to be.
Verdict = Literal["found", "also_there", "missed", "not_relied_on", "stated_false", "not_stated"]
VERDICT_WORDS = {
    "found": "you picked it, and the engine relies on it",
    "also_there": "also there: the engine relies on it too, but your facts are enough without it",
    "missed": "the engine relies on it, and your facts are not enough without it",
    "not_relied_on": "the scenario states it, but the engine's rule for this element does not rest on it here",
    "stated_false": "the scenario states that this is not so",
    "not_stated": "the scenario does not state it: it stays unknown",
}
TRAINEE_MAX = 80  # characters of a typed name


class ElementAnswer(BaseModel):
    mark: Optional[Mark] = None  # None: not marked yet (scored as wrong)
    facts: list[str] = Field(default_factory=list)


class FactNote(BaseModel):
    """One fact of an element's feedback: what it turned out to be, and the narrative's words."""

    fact: str
    label: str
    picked: bool
    verdict: Verdict
    text: str
    quote: Optional[str] = None  # the narrative's sentence for it (Scenario.evidence), if given


class ElementFeedback(BaseModel):
    role: str
    label: str
    mark: Optional[Mark]
    status: str
    expected_mark: Mark
    # Every mark that is right: the expected one, and "met" where a waived element's rule holds.
    right_marks: list[Mark] = Field(default_factory=list)
    correct: bool
    citation: str
    explanation: str
    facts_chosen: list[str]
    facts_expected: list[str]  # the facts the engine relied on (relied_on)
    facts_found: list[str]
    facts_missed: list[str]  # relied on, not picked, and the picks are not enough without them
    facts_extra: list[str]  # picked, and not relied on: wrong picks
    facts_also_there: list[str] = Field(default_factory=list)  # relied on, not picked, not needed
    # Whether the picks alone meet the element's rule; None when the answer calls for no facts.
    sufficient: Optional[bool] = None
    facts: list[FactNote] = Field(default_factory=list)
    fact_score: float
    message: str
    facts_message: str = ""


class Feedback(BaseModel):
    scenario_id: str
    title: str
    framework: str
    framework_title: str
    outcome: str
    summary: str
    child: Optional[bool]
    elements: dict[str, ElementFeedback]
    caveats: list[Caveat] = Field(default_factory=list)  # the engine's, as on the result page
    element_points: int
    fact_points: float
    score: float  # 0..1
    trainee: str = ""  # as typed, optional
    time: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))  # the moment of grading

    @field_validator("trainee", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return trainee_name(value) if isinstance(value, str) else value

    @property
    def points(self) -> float:
        return self.element_points + self.fact_points

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes an attempt the same attempt again: the trainee, the scenario, the framework."""
        return (self.trainee.casefold(), self.scenario_id, self.framework)


class Summary(BaseModel):
    attempts: int
    mean_score: float
    elements_correct: dict[str, int]  # role -> attempts where the mark was right
    facts_found: int
    facts_missed: int
    facts_extra: int
    hardest: Optional[str]  # the role marked wrong most often, if any
    facts_also_there: int = 0


def trainee_name(text: str) -> str:
    """A typed name on one line: spaces and control characters collapsed, at most TRAINEE_MAX."""
    name = re.sub(r"[\s\x00-\x1f\x7f]+", " ", text).strip()
    if len(name) > TRAINEE_MAX:
        raise ValueError(f"trainee: a name of at most {TRAINEE_MAX} characters")
    return name


# ---------------------------------------------------------------- which facts an element rests on


def fact_choices(framework: str, role: str) -> list[str]:
    """The facts a trainee may pick for an element: every fact the framework's rule for it
    tests, itself or through the sub-rules it names, in vocabulary order."""
    return element_facts(framework, role)


def _role_rule(framework: str, role: str) -> str:
    """The full id of the rule that gives an element its status ('palermo.means')."""
    return f"{framework}.{get_pack(check_framework(framework)).role_rule(role).id}"


def relied_on(result: Result, role: str) -> list[str]:
    """The facts the engine relied on for an element: its `satisfied_by` when met, and for a
    waived one what its own rule found all the same (the Result's `relied_on`)."""
    return list(result.elements[role].relied_on)


def condition_facts(framework: str, role: str) -> list[str]:
    """The facts read by the condition rules that an element's rule names (itself or through its
    sub-rules)."""
    pack = get_pack(framework)
    vocab = vocabulary()
    found: list[str] = []
    todo, seen = [pack.role_rule(role)], set()
    while todo:
        rule = todo.pop()
        if rule is None or rule.id in seen:
            continue
        seen.add(rule.id)
        if rule.condition:
            found += pack.facts_read(vocab, rule)
            continue
        todo += [pack.rules_by_id[n] for n in rule_names(rule.test) if n in pack.rules_by_id]
    return list(dict.fromkeys(found))


def answer_key(scenario: Scenario, framework: str, role: str, result: Optional[Result] = None) -> list[str]:
    """The facts the engine relied on for the element (relied_on its rule)."""
    result = result if result is not None else evaluate(scenario, framework)
    return relied_on(result, role)


def rule_value_with_only(scenario: Scenario, framework: str, role: str, facts: Iterable[str]) -> str:
    """The value ('true', 'false', 'unknown') of the element's rule when the engine is given
    these facts as true, the facts of its conditions (rules marked `condition`: the purpose that
    lets US fraud count as a means, say) as the scenario states them, every other fact unknown,
    and the scenario's age. A condition is not what the trainee is asked to pick."""
    given = {f: scenario.facts[f] for f in condition_facts(framework, role) if f in scenario.facts}
    trial = Scenario(person=scenario.person, facts={**given, **{fact_id: True for fact_id in facts}})
    step = evaluate(trial, framework).step(_role_rule(framework, role))
    return step.value if step is not None else "unknown"


# ---------------------------------------------------------------- grading


def _message(mark: Optional[str], right_marks: list[str], status: str, waiver: str) -> str:
    words = STATUS_WORDS[status]
    if mark is None:
        return f"Not marked. The engine finds this element {words}."
    if mark == right_marks[0]:
        return f"Right: the engine also finds this element {words}." + (f" {waiver}" if waiver else "")
    if mark in right_marks:  # "met" for a waived element whose own rule holds
        return ("Right: the engine finds this element's own rule met in the scenario. Under this "
                f"framework the element is not required here, though: {waiver}")
    text = f"You marked it {MARK_WORDS[mark]}; the engine finds it {words}."
    if mark == "not_met" and status == "unknown":
        text += " The narrative leaves it open: an unknown is not a 'no'."
    elif mark == "cant_tell" and status in ("met", "not_met"):
        text += " The facts given are enough to settle it: look at the facts below."
    elif status == "not_required":
        text += f" Under this framework the element is not required here: {waiver}"
    elif mark == "not_required":
        text += " Under this framework the element is required here: read the provision cited."
    return text


def _waiver_words(result: Result, role: str) -> str:
    """The provision that waives a not-required element, and the engine's words for it."""
    finding = result.elements[role]
    if finding.status != "not_required":
        return ""
    step = result.element_step(role)
    return f"{finding.citation}. {step.text}" if step is not None else finding.citation


def _facts_message(sufficient: Optional[bool], value: str) -> str:
    if sufficient is None:
        return ""
    if sufficient:
        return "Your facts are enough: given only them, the engine finds this element's rule met."
    return (f"Your facts are not enough on their own: given only them, the engine finds this element's "
            f"rule {VALUE_WORDS[value]}. Look at the facts it relied on.")


def _note(scenario: Scenario, fact_id: str, verdict: str, picked: bool) -> FactNote:
    return FactNote(fact=fact_id, label=vocabulary().label(fact_id), picked=picked, verdict=verdict,
                    text=VERDICT_WORDS[verdict], quote=scenario.evidence.get(fact_id))


def _grade_element(scenario: Scenario, result: Result, role: str, answer: ElementAnswer) -> ElementFeedback:
    framework = result.framework
    finding = result.elements[role]
    rule_id = _role_rule(framework, role)
    rule_step = result.step(rule_id)
    rule_holds = rule_step is not None and rule_step.value == "true"
    expected = MARK_FOR_STATUS[finding.status]
    right_marks = [expected] + (["met"] if finding.status == "not_required" and rule_holds else [])
    correct = answer.mark in right_marks

    chosen = list(dict.fromkeys(answer.facts))
    key = relied_on(result, role)
    stated_true = [f for f in chosen if scenario.facts.get(f) is True]
    # Facts are called for where the element is met, or where "met" is the trainee's right answer.
    calls_for_facts = finding.status == "met" or (correct and answer.mark == "met")
    value = rule_value_with_only(scenario, framework, role, stated_true) if calls_for_facts else ""
    sufficient = value == "true" if calls_for_facts else None

    found = [f for f in chosen if f in key]
    extra = [f for f in chosen if f not in key]
    not_picked = [f for f in key if f not in chosen]
    missed = not_picked if sufficient is False else []
    also_there = [] if sufficient is False else not_picked
    share = len(found) / len(chosen) if chosen else 1.0
    fact_score = 0.0 if sufficient is False else share

    notes = [_note(scenario, f, "found", True) for f in found]
    for f in extra:
        stated = scenario.facts.get(f)
        verdict = "not_relied_on" if stated is True else "stated_false" if stated is False else "not_stated"
        notes.append(_note(scenario, f, verdict, True))
    notes += [_note(scenario, f, "missed", False) for f in missed]
    notes += [_note(scenario, f, "also_there", False) for f in also_there]

    step = result.element_step(role)
    return ElementFeedback(
        role=role,
        label=finding.label,
        mark=answer.mark,
        status=finding.status,
        expected_mark=expected,
        right_marks=right_marks,
        correct=correct,
        citation=finding.citation,
        explanation=step.text if step is not None else "",
        facts_chosen=chosen,
        facts_expected=key,
        facts_found=found,
        facts_missed=missed,
        facts_extra=extra,
        facts_also_there=also_there,
        sufficient=sufficient,
        facts=notes,
        fact_score=round(fact_score, 4),
        message=_message(answer.mark, right_marks, finding.status, _waiver_words(result, role)),
        facts_message=_facts_message(sufficient, value),
    )


def grade(scenario: Scenario, framework: str, answers: dict[str, ElementAnswer], trainee: str = "",
          time: Optional[datetime] = None) -> Feedback:
    """The engine's findings for the scenario, compared element by element with the trainee's.
    `time` is the moment of grading (now, when not given)."""
    known = vocabulary().id_set
    unknown = [f for answer in answers.values() for f in answer.facts if f not in known]
    if unknown:
        raise ValueError(f"unknown fact ids: {unknown}")
    result = evaluate(scenario, framework)
    elements = {role: _grade_element(scenario, result, role, answers.get(role) or ElementAnswer()) for role in ROLES}
    element_points = sum(1 for e in elements.values() if e.correct)
    fact_points = round(sum(e.fact_score for e in elements.values()), 4)
    return Feedback(
        scenario_id=scenario.id or "",
        title=scenario.title or scenario.id or "Untitled scenario",
        framework=framework,
        framework_title=result.framework_title,
        outcome=result.outcome,
        summary=result.summary,
        child=result.child,
        elements=elements,
        caveats=list(result.caveats),
        element_points=element_points,
        fact_points=fact_points,
        score=round((element_points + fact_points) / (2 * len(ROLES)), 4),
        trainee=trainee,
        time=(time or datetime.now(timezone.utc)).replace(microsecond=0),
    )


# ---------------------------------------------------------------- a session's results


def record(attempts: Iterable[Feedback], feedback: Feedback) -> list[Feedback]:
    """The session's attempts with this one in: it replaces an earlier attempt at the same
    exercise by the same trainee (in its place), or comes last."""
    attempts = list(attempts)
    for index, earlier in enumerate(attempts):
        if earlier.key == feedback.key:
            attempts[index] = feedback
            return attempts
    return attempts + [feedback]


def summarize(results: Iterable[Feedback]) -> Summary:
    results = list(results)
    correct = {role: sum(1 for r in results if r.elements[role].correct) for role in ROLES}
    wrong = {role: len(results) - n for role, n in correct.items()}
    hardest = max(ROLES, key=lambda role: wrong[role]) if results and max(wrong.values()) > 0 else None

    def count(field: str) -> int:
        return sum(len(getattr(e, field)) for r in results for e in r.elements.values())

    return Summary(
        attempts=len(results),
        mean_score=round(sum(r.score for r in results) / len(results), 4) if results else 0.0,
        elements_correct=correct,
        facts_found=count("facts_found"),
        facts_missed=count("facts_missed"),
        facts_extra=count("facts_extra"),
        facts_also_there=count("facts_also_there"),
        hardest=hardest,
    )


# The columns of the first version stay as they were, in their places; new ones come after.
CSV_COLUMNS = [
    "attempt", "scenario_id", "scenario_title", "framework", "element", "your_mark", "engine_status",
    "correct", "provision", "facts_you_picked", "facts_in_scenario", "facts_found", "facts_missed",
    "facts_extra", "fact_score", "attempt_score", "outcome",
    "trainee", "time", "facts_also_there", "facts_enough",
]


def _cell(value: object) -> str:
    text = str(value)
    # A cell starting with one of these is read as a formula by spreadsheet programs.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(results: Iterable[Feedback]) -> str:
    """One row per element per attempt: the trainee's own results, for them to keep."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for number, r in enumerate(results, 1):
        for role in ROLES:
            e = r.elements[role]
            writer.writerow([_cell(v) for v in (
                number, r.scenario_id, r.title, r.framework, role,
                MARK_WORDS[e.mark] if e.mark else "", STATUS_WORDS[e.status], "yes" if e.correct else "no",
                e.citation, " ".join(e.facts_chosen), " ".join(e.facts_expected), " ".join(e.facts_found),
                " ".join(e.facts_missed), " ".join(e.facts_extra), f"{e.fact_score:.2f}", f"{r.score:.2f}",
                OUTCOME_WORDS[r.outcome],
                r.trainee, r.time.isoformat(), " ".join(e.facts_also_there),
                "" if e.sufficient is None else "yes" if e.sufficient else "no",
            )])
    return out.getvalue()


__all__ = [
    "CSV_COLUMNS",
    "ElementAnswer",
    "ElementFeedback",
    "FactNote",
    "Feedback",
    "MARKS",
    "MARK_WORDS",
    "TRAINEE_MAX",
    "VERDICT_WORDS",
    "Summary",
    "answer_key",
    "fact_choices",
    "grade",
    "record",
    "relied_on",
    "rule_value_with_only",
    "summarize",
    "to_csv",
    "trainee_name",
]
