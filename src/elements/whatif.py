"""What would change it: the single answers that would change an element or the outcome, and,
for an element or outcome that no single answer changes, the pairs of answers that would.

Found by running the engine again with the answers changed, never by reasoning of our own: a
change is listed because the evaluation with that answer came out differently. Every outcome
gets one, not only an undetermined one.

Each answer the framework reads (Pack.facts_read) is tried the other way: an unknown fact as
yes and as no, yes as no, no as yes; the age across the framework's child line (an unknown
age just under the line and at it). A fact is never tried as unknown: "not sure" is where a
person starts, not an answer that changes a finding.

Pairs are bounded, because each costs one evaluation and every pair of answers would be
hundreds: they are tried only for a target (an element or the outcome) that no single answer
changes, and only among
- one answer for each different change the single answers make (the first, in vocabulary
  order), two at a time: two elements that each move, together moving the outcome;
- the answers the element's own steps relied on (its `because`, through the rules it depends
  on), two at a time: an element met twice over, by two facts.
at most MAX_PAIRS evaluations in all; `pairs_left` says how many candidates the bound left out.
A pair lists only what it changes that no single answer does.
"""
from __future__ import annotations

from itertools import combinations
from typing import Callable, Optional, Union

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt

from .expressions import age_lines
from .model import Person, Result, Scenario
from .packs import Pack
from .vocabulary import Vocabulary
from .words import ROLES, Confidence

AGE = "person.age"
TARGETS: tuple[str, ...] = ROLES + ("outcome",)
MAX_PAIRS = 40
Answer = Optional[Union[StrictBool, StrictInt]]


class Flip(BaseModel):
    """One answer changed: a fact's (True / False) or the age's (a whole number)."""

    model_config = ConfigDict(frozen=True)

    fact: str  # a fact id, or person.age
    label: str  # the fact's label, as a person reads it
    before: Answer = None  # None: not answered (unknown)
    after: Union[StrictBool, StrictInt]


class Effect(BaseModel):
    """What a change does to one element, or to the outcome, with the provision it rests on."""

    model_config = ConfigDict(frozen=True)

    target: str  # action, means, purpose or outcome
    label: str
    before: str  # a status, or an outcome
    after: str
    citation: str
    url: str
    confidence: Confidence


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    flips: list[Flip]  # one answer, or a pair changed together
    effects: list[Effect]


class WhatIf(BaseModel):
    framework: str
    singles: list[Change]
    pairs: list[Change]
    # Targets that no single answer, and no pair tried, would change.
    unchanged: list[str]
    pairs_tried: int
    pairs_left: int  # candidate pairs the bound (MAX_PAIRS) left untried
    evaluations: int

    def groups(self) -> list[list[Change]]:
        """The single answers grouped by what they change, in the order first met: 'any one of
        these would make the action element met'."""
        by_effects: dict[tuple, list[Change]] = {}
        for change in self.singles:
            key = tuple((e.target, e.after) for e in change.effects)
            by_effects.setdefault(key, []).append(change)
        return list(by_effects.values())


def flips(scenario: Scenario, facts: list[str], child_lines: list[int], vocab: Vocabulary) -> list[Flip]:
    """Every answer to try the other way, in vocabulary order, the age last."""
    out = []
    for fact_id in facts:
        before = scenario.facts.get(fact_id)
        for after in ((True, False) if before is None else (not before,)):
            out.append(Flip(fact=fact_id, label=vocab.label(fact_id), before=before, after=after))
    age = scenario.person.age
    ages: dict[int, None] = {}
    for line in sorted(set(child_lines)):
        if age is None:
            ages.update({line - 1: None, line: None})
        else:
            ages[line if age < line else line - 1] = None
    out += [Flip(fact=AGE, label="Age", before=age, after=a) for a in ages if a >= 0 and a != age]
    return out


def apply(scenario: Scenario, changed: list[Flip]) -> Scenario:
    """The scenario with these answers changed (a copy: the scenario itself is never touched)."""
    facts = dict(scenario.facts)
    person = scenario.person
    for flip in changed:
        if flip.fact == AGE:
            person = Person(age=flip.after)
        else:
            facts[flip.fact] = flip.after
    return scenario.model_copy(update={"facts": facts, "person": person})


def _status(result: Result, target: str) -> str:
    return result.outcome if target == "outcome" else result.elements[target].status


class _Search:
    """Runs the engine on changed answers and reads only the statuses (Compiled.conclusions); a
    change's provision is the pack's: the element's rule, or its waiver when not required."""

    def __init__(self, pack: Pack, evaluate: Callable[[Scenario], Result],
                 conclude: Callable[[Scenario], dict[str, str]], scenario: Scenario):
        self.pack = pack
        self.conclude = conclude
        self.scenario = scenario
        self.base = evaluate(scenario)
        self.before = {target: _status(self.base, target) for target in TARGETS}
        self.evaluations = 1

    def effects(self, changed: list[Flip]) -> list[Effect]:
        after = self.conclude(apply(self.scenario, changed))
        self.evaluations += 1
        return [self._effect(t, after[t]) for t in TARGETS if after[t] != self.before[t]]

    def _effect(self, target: str, after: str) -> Effect:
        pack = self.pack
        if target == "outcome":
            label, rule = "Outcome", pack.role_rule("outcome")
        else:
            label = self.base.elements[target].label  # an element's label whatever its status
            rule = pack.waiver_of(target) if after == "not_required" else pack.role_rule(target)
        return Effect(target=target, label=label, before=self.before[target], after=after,
                      citation=pack.citation(rule), url=pack.provision_of(rule).url,
                      confidence=pack.confidence_of(rule))

    def relied_on(self, role: str) -> set[str]:
        """The facts (and the age) the steps deciding an element used, through the rules they
        depend on: only a change to one of them can change what those steps concluded."""
        found: set[str] = set()
        todo = [self.base.element_step(role)]
        seen: set[str] = set()
        while todo:
            step = todo.pop()
            if step is None or step.rule in seen:
                continue
            seen.add(step.rule)
            for item in step.because:
                name = item.split("=", 1)[0]
                if name not in step.depends_on:
                    found.add(name)
            todo += [self.base.step(rule) for rule in step.depends_on]
        return found


def what_if(pack: Pack, evaluate: Callable[[Scenario], Result], conclude: Callable[[Scenario], dict[str, str]],
            scenario: Scenario, facts: list[str], vocab: Vocabulary) -> WhatIf:
    """What would change the result of `scenario` under one framework (see the module's text).
    `evaluate` gives the Result of the scenario as given, `conclude` only the statuses of each
    changed one (Compiled.conclusions)."""
    search = _Search(pack, evaluate, conclude, scenario)
    base = search.base
    lines = [base.child_line] if base.child_line is not None else _child_lines(pack)
    tried = flips(scenario, facts, lines, vocab)
    singles = [Change(flips=[flip], effects=found) for flip in tried if (found := search.effects([flip]))]
    moved = {e.target for change in singles for e in change.effects}
    missing = [t for t in TARGETS if t not in moved]

    candidates: dict[tuple[Flip, Flip], None] = {}
    if missing:
        firsts: dict[tuple, Flip] = {}
        for change in singles:
            firsts.setdefault(tuple((e.target, e.after) for e in change.effects), change.flips[0])
        _add_pairs(candidates, list(firsts.values()))
        for role in (t for t in missing if t != "outcome"):
            relied = search.relied_on(role)
            _add_pairs(candidates, [f for f in tried if f.fact in relied])
    pairs = []
    ordered = list(candidates)
    for first, second in ordered[:MAX_PAIRS]:
        # A pair is listed for what no single answer changes, and says only that.
        found = [e for e in search.effects([first, second]) if e.target in missing]
        if found:
            pairs.append(Change(flips=[first, second], effects=found))
    moved |= {e.target for change in pairs for e in change.effects}
    return WhatIf(
        framework=pack.framework, singles=singles, pairs=pairs,
        unchanged=[t for t in TARGETS if t not in moved],
        pairs_tried=min(len(ordered), MAX_PAIRS), pairs_left=max(0, len(ordered) - MAX_PAIRS),
        evaluations=search.evaluations,
    )


def _add_pairs(candidates: dict, pool: list[Flip]) -> None:
    for first, second in combinations(pool, 2):
        if first.fact != second.fact:
            candidates.setdefault((first, second), None)


def _child_lines(pack: Pack) -> list[int]:
    return age_lines(pack.role_rule("child").test)
