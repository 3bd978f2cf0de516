"""Training exercises: a trainee marks each element of a scenario, and is scored against the
engine's findings.

The trainee reads a narrative and marks the action, the means and the purpose as met, not met,
or "can't tell" (and the means as "not required" where they think it is), and picks the facts
they see for each. `grade()` evaluates the scenario with the engine and compares, element by
element. Nothing here decides anything about the law: the right answer is always the engine's
finding, and the facts an element can rest on are read from the framework's compiled rules.

Scoring, per scenario: one point for each element whose mark matches the engine's status, plus,
for each element, the overlap between the facts the trainee picked and the facts the engine
relied on for that element (its `satisfied_by`: none unless the element is met; shared / either,
1 when both are empty). Six points in all; the score is the share of them. The facts offered
for an element are every fact the engine's rule for it tests.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Literal, Optional

from pydantic import BaseModel, Field

from .api import element_facts, evaluate
from .model import Caveat, Result, Scenario
from .vocabulary import vocabulary
from .words import OUTCOME_WORDS, ROLES, STATUS_WORDS

Mark = Literal["met", "not_met", "cant_tell", "not_required"]
MARKS: tuple[str, ...] = ("met", "not_met", "cant_tell", "not_required")
# A trainee's marks are the statuses, with "can't tell" for unknown.
MARK_WORDS = {**STATUS_WORDS, "cant_tell": "can't tell"}
del MARK_WORDS["unknown"]
# The engine's status, as the mark that matches it: "unknown" is what "can't tell" means.
MARK_FOR_STATUS = {"met": "met", "not_met": "not_met", "unknown": "cant_tell", "not_required": "not_required"}


class ElementAnswer(BaseModel):
    mark: Optional[Mark] = None  # None: not marked yet (scored as wrong)
    facts: list[str] = Field(default_factory=list)


class ElementFeedback(BaseModel):
    role: str
    label: str
    mark: Optional[Mark]
    status: str
    expected_mark: Mark
    correct: bool
    citation: str
    explanation: str
    facts_chosen: list[str]
    facts_expected: list[str]
    facts_found: list[str]
    facts_missed: list[str]
    facts_extra: list[str]
    fact_score: float
    message: str


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

    @property
    def points(self) -> float:
        return self.element_points + self.fact_points


class Summary(BaseModel):
    attempts: int
    mean_score: float
    elements_correct: dict[str, int]  # role -> attempts where the mark matched
    facts_found: int
    facts_missed: int
    facts_extra: int
    hardest: Optional[str]  # the role marked wrong most often, if any


# ---------------------------------------------------------------- which facts an element rests on


def fact_choices(framework: str, role: str) -> list[str]:
    """The facts a trainee may pick for an element: every fact the framework's rule for it
    tests, itself or through the sub-rules it names, in vocabulary order."""
    return element_facts(framework, role)


def answer_key(scenario: Scenario, framework: str, role: str, result: Optional[Result] = None) -> list[str]:
    """The facts the engine relied on for the element: its `satisfied_by`, empty unless the
    element is met."""
    result = result if result is not None else evaluate(scenario, framework)
    return list(result.elements[role].satisfied_by)


# ---------------------------------------------------------------- grading


def _message(mark: Optional[str], expected: str, status: str) -> str:
    words = STATUS_WORDS[status]
    if mark is None:
        return f"Not marked. The engine finds this element {words}."
    if mark == expected:
        return f"Right: the engine also finds this element {words}."
    text = f"You marked it {MARK_WORDS[mark]}; the engine finds it {words}."
    if mark == "not_met" and status == "unknown":
        text += " The narrative leaves it open: an unknown is not a 'no'."
    elif mark == "cant_tell" and status in ("met", "not_met"):
        text += " The facts given are enough to settle it: look at the facts below."
    elif status == "not_required":
        text += " Under this framework the element is not required here: read the provision cited."
    elif mark == "not_required":
        text += " Under this framework the element is required here: read the provision cited."
    return text


def grade(scenario: Scenario, framework: str, answers: dict[str, ElementAnswer]) -> Feedback:
    """The engine's findings for the scenario, compared element by element with the trainee's."""
    result = evaluate(scenario, framework)
    elements: dict[str, ElementFeedback] = {}
    for role in ROLES:
        finding = result.elements[role]
        answer = answers.get(role) or ElementAnswer()
        expected = MARK_FOR_STATUS[finding.status]
        choices = set(fact_choices(framework, role))
        chosen = [f for f in dict.fromkeys(answer.facts)]
        key = answer_key(scenario, framework, role, result)
        found = [f for f in chosen if f in key]
        missed = [f for f in key if f not in chosen]
        extra = [f for f in chosen if f not in key]
        union = set(chosen) | set(key)
        fact_score = 1.0 if not union else len(found) / len(union)
        unknown_choices = [f for f in chosen if f not in choices and f not in vocabulary().ids]
        if unknown_choices:
            raise ValueError(f"unknown fact ids: {unknown_choices}")
        elements[role] = ElementFeedback(
            role=role,
            label=finding.label,
            mark=answer.mark,
            status=finding.status,
            expected_mark=expected,
            correct=answer.mark == expected,
            citation=finding.citation,
            explanation=getattr(result.element_step(role), "text", ""),
            facts_chosen=chosen,
            facts_expected=key,
            facts_found=found,
            facts_missed=missed,
            facts_extra=extra,
            fact_score=round(fact_score, 4),
            message=_message(answer.mark, expected, finding.status),
        )
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
    )


# ---------------------------------------------------------------- a session's results


def summarize(results: Iterable[Feedback]) -> Summary:
    results = list(results)
    correct = {role: sum(1 for r in results if r.elements[role].correct) for role in ROLES}
    wrong = {role: len(results) - n for role, n in correct.items()}
    hardest = max(ROLES, key=lambda role: wrong[role]) if results and max(wrong.values()) > 0 else None
    return Summary(
        attempts=len(results),
        mean_score=round(sum(r.score for r in results) / len(results), 4) if results else 0.0,
        elements_correct=correct,
        facts_found=sum(len(e.facts_found) for r in results for e in r.elements.values()),
        facts_missed=sum(len(e.facts_missed) for r in results for e in r.elements.values()),
        facts_extra=sum(len(e.facts_extra) for r in results for e in r.elements.values()),
        hardest=hardest,
    )


CSV_COLUMNS = [
    "attempt", "scenario_id", "scenario_title", "framework", "element", "your_mark", "engine_status",
    "correct", "provision", "facts_you_picked", "facts_in_scenario", "facts_found", "facts_missed",
    "facts_extra", "fact_score", "attempt_score", "outcome",
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
            )])
    return out.getvalue()


__all__ = [
    "ElementAnswer",
    "ElementFeedback",
    "Feedback",
    "MARKS",
    "MARK_WORDS",
    "Summary",
    "answer_key",
    "fact_choices",
    "grade",
    "summarize",
    "to_csv",
]
