"""What the walkthrough still needs to ask, and why it asks it: derived from the packs.

docassemble's way: the engine, not the page, decides which question can still matter. A rule
settled on the known facts (true or false) stays settled whatever the unknown ones turn out to
be (Kleene's logic is monotone), so a question only matters while some conclusion the result
reports (an element, its waiver, the outcome) is open and reads it, directly or through the
open rules it names. Nothing here is law: it reads the pack's rules and the engine's result.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .api import compiled, evaluate, get_pack
from .caveats import caveat_book
from .conditions import FactTest, T, U
from .expressions import Unknown, children
from .findings import label_list
from .model import Result, Scenario
from .packs import Pack, Rule, frameworks_reading
from .vocabulary import vocabulary
from .words import ROLE_WORDS, ROLES
from .yamlfile import rules_dir


def _name(rule: Rule) -> str:
    """A rule as a person reads it: its label, else what it decides."""
    if rule.label:
        return rule.label
    if rule.role:
        return ROLE_WORDS[rule.role]
    if rule.waives:
        return f"whether {ROLE_WORDS[rule.waives]} is required"
    return "a rule"


def _named(pack: Pack, rule: Rule) -> str:
    """'Action (Art. 3(a))'; a label that already ends in its provision keeps it once."""
    name, citation = _name(rule), pack.citation(rule)
    return name if citation.split()[-1] in name else f"{name} ({citation})"


def why_asked(framework: str, fact_id: str) -> str:
    """One line: the chosen framework's rules that test the fact, by label and citation; or, when
    it tests no such fact, the frameworks that do; or the caveats that read it."""
    return _why_asked(str(rules_dir()), framework, fact_id)


@lru_cache(maxsize=4096)
def _why_asked(_folder: str, framework: str, fact_id: str) -> str:
    pack, vocab = get_pack(framework), vocabulary()
    readers = [rule for rule in pack.rules if fact_id in vocab.facts_in(rule.test)]
    if readers:
        return f"{pack.short_title} tests it for: " + "; ".join(_named(pack, rule) for rule in readers) + "."
    others = frameworks_reading(fact_id)
    if others:
        return f"Not a term of {pack.short_title}; asked for " + "; ".join(
            get_pack(fw).short_title for fw in others) + "."
    if any(fact_id in vocab.facts_in(c.when) for c in caveat_book().caveats):
        return "No framework's rules test it; it decides whether a caveat is shown with the result."
    return "No rule or caveat reads it yet."


def why_age(framework: str) -> str:
    """The age's line: where the pack draws the child line, and what being a child waives."""
    pack = get_pack(framework)
    child, line = pack.role_rule("child"), pack.child_line()
    who = f"counts a person under {line} a child" if line else "decides from the age whether the person is a child"
    text = f"{pack.short_title} {who} ({pack.citation(child)})"
    waivers = [r for r in pack.rules if r.waives and pack.has_element(r.waives)]
    text += "".join(f"; for a child, {pack.citation(r)} can waive {ROLE_WORDS[r.waives]}" for r in waivers)
    return text + "."


def _monotone(expr) -> bool:
    """False where the test reads whether something is unknown: answering can then unsettle it."""
    return not isinstance(expr, Unknown) and all(_monotone(child) for child in children(expr))


def open_facts(framework: str, scenario: Scenario) -> set[str]:
    """The unknown facts an answer to which could still change an element, its waiver or the
    outcome: followed down from them through the branches that fired for their unknown value
    (as the open questions are), never through a part of a test that is already settled."""
    run = compiled(framework)
    pack, facts = run.pack, scenario.facts
    values: dict[str, str] = {}
    fired: dict[str, list] = {}
    for firing in run.ruleset.run(scenario):
        if firing.kind == "rule":
            values[firing.id] = firing.value
            fired.setdefault(firing.id, []).append(firing.branch)
    roots = [pack.role_rule("outcome")]
    for role in ROLES:
        waiver = pack.waiver_of(role)
        if waiver is None or values.get(waiver.id) != T:
            roots += [pack.role_rule(role)] + ([waiver] if waiver else [])
    # A test that reads whether something is unknown can change once it is answered: all open.
    found = {f for r in pack.rules if not _monotone(r.test) for f in vocabulary().facts_in(r.test)}
    todo, seen = [r.id for r in roots if values.get(r.id) == U], set()
    while todo:
        rule_id = todo.pop()
        if rule_id in seen:
            continue
        seen.add(rule_id)
        for branch in fired.get(rule_id, []):
            for atom in branch.atoms:
                if isinstance(atom, FactTest) and atom.quantifier == "some" and atom.value == U:
                    found.update(i for i in atom.ids if facts.get(i) is None)
            todo += [node for node, _ in branch.nodes if values.get(node) == U]
    return found


def _without(scenario: Scenario, fact_ids: list[str]) -> Scenario:
    return scenario.model_copy(update={"facts": {k: v for k, v in scenario.facts.items() if k not in fact_ids}})


def needed(scenario: Scenario, framework: str, fact_ids: list[str]) -> int:
    """How many of these questions, in this order, are still needed: after the first n, no answer
    to the rest can change any element or the outcome. Answering one of the rest never moves the
    line (it depends only on the answers before it), so a question does not jump out of a fold."""
    def settled_after(n: int) -> bool:
        return not open_facts(framework, _without(scenario, fact_ids[n:])) & set(fact_ids[n:])

    low, high = 0, len(fact_ids)  # settled_after(len) always holds; knowing more never unsettles
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if settled_after(middle) else (middle + 1, high)
    return low


@dataclass(frozen=True)
class Fold:
    """A step's questions split: the first `needed` are asked; the rest fold away under `note`,
    with the engine's `reason`. Both come from the answers before the fold only, so answering a
    folded question changes neither (a page can keep the fold open)."""

    needed: int
    note: str
    reason: str


def fold(scenario: Scenario, framework: str, role: str, fact_ids: list[str]) -> Fold:
    count = needed(scenario, framework, fact_ids)
    if count == len(fact_ids):
        return Fold(count, "", "")
    before = evaluate(_without(scenario, fact_ids[count:]), framework)
    step = before.element_step(role) if role in before.elements else None
    return Fold(count, not_needed(before, role), step.text if step else "")


def not_needed(result: Result, role: Optional[str]) -> str:
    """Why the rest of a step's questions are not needed, in words: 'Not needed: Action already met
    by recruitment'."""
    finding = result.elements.get(role) if role else None
    if finding is None or finding.status == "unknown":
        return "Not needed: no answer to these can change any element now"
    by = f" by {label_list([vocabulary().label(f) for f in finding.satisfied_by])}" if finding.satisfied_by else ""
    return f"Not needed: {finding.label} {_SETTLED[finding.status]}{by}"


_SETTLED = {"met": "already met", "not_met": "not met, whatever the rest", "not_required": "not required here"}
