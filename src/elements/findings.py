"""From the engine's trace to a Result. Reads what fired; decides nothing.

Each conclusion in the result is the value of a rule that fired: element statuses, the
child, the outcome, related offences and the caveats. The explanation is the trace itself,
one step per rule, with the facts and earlier conclusions its matching branch used.

A Reader is built once per framework (from the pack and its compiled Program) and holds the
lookups that reading needs; it never touches the rule engine.
"""
from __future__ import annotations

import re

from .caveats import CaveatBook
from .conditions import WORD, AgeTest, F, Firing, Program, T, U
from .model import Caveat, ElementFinding, RelatedProvision, Result, Scenario, Step
from .packs import Pack, Rule
from .referrals import referrals_for
from .vocabulary import Vocabulary
from .words import ROLES

STATUS = {T: "met", F: "not_met", U: "unknown"}
# "[, and {unknown_facts} is not known]": a bracketed part of a rule's text is dropped when the
# facts it names are none, so one text serves the cases with and without them.
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
OUTCOME = {T: "all_elements_met", F: "not_all_elements_met", U: "undetermined"}


def _used(firing: Firing, facts: dict[str, str], used: dict[str, str], deps: dict[str, None]) -> None:
    """Collect what a firing branch tested: facts with their values (in vocabulary order), and
    earlier conclusions."""
    for atom in firing.atoms:
        if isinstance(atom, AgeTest):
            used["person.age"] = ""
            continue
        for fact_id in atom.ids:
            value = facts.get(fact_id, U)
            # 'some' names the facts that are in the list; 'none' names them all.
            if atom.quantifier == "none" or value == atom.value:
                used[fact_id] = value
    for rule_id, _values in firing.branch.nodes:
        deps[rule_id] = None


def _fold(rule_id: str, used: dict, deps: dict, hidden: frozenset) -> None:
    """Replace a rule's dependencies on hidden parts by what those parts used."""
    for dep in [d for d in deps[rule_id] if d in hidden]:
        if dep in deps:
            _fold(dep, used, deps, hidden)
            used[rule_id].update(used[dep])
            deps[rule_id].update(deps[dep])
        del deps[rule_id][dep]


def label_list(labels: list[str]) -> str:
    """'Recruitment', 'Harbouring' -> 'recruitment and harbouring' (labels go mid-sentence;
    one that starts with two capitals, 'ID documents', keeps its case)."""
    labels = [l[0].lower() + l[1:] if len(l) > 1 and not l[1].isupper() else l for l in labels]
    if not labels:
        return "none"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


class Reader:
    """Reads one framework's traces into Results."""

    def __init__(self, pack: Pack, program: Program, caveats: CaveatBook, vocab: Vocabulary):
        self.pack = pack
        self.program = program
        self.vocab = vocab
        self.fw = pack.framework
        self.hidden = program.hidden
        self.rules: dict[str, Rule] = pack.rules_by_id
        self.provision = {rule.id: pack.provision_of(rule) for rule in pack.rules}
        self.citation = {rule.id: pack.citation(rule) for rule in pack.rules}
        self.confidence = {rule.id: pack.confidence_of(rule) for rule in pack.rules}
        self.role_id = {rule.role: rule.id for rule in pack.rules if rule.role and rule.role != "related_offence"}
        self.related_ids = [rule.id for rule in pack.rules if rule.role == "related_offence"]
        self.waiver_of = {rule.waives: rule for rule in pack.rules if rule.waives}
        self.says_age = {r.id for r in pack.rules if any("{age}" in t for t in (r.says.true, r.says.false, r.says.unknown))}
        self.order = {fact_id: index for index, fact_id in enumerate(vocab.ids)}
        self.child_line = pack.child_line()
        self.group_facts: dict[str, set[str]] = {}
        for fact_id in pack.facts_read(vocab):
            self.group_facts.setdefault(fact_id.split(".", 1)[0], set()).add(fact_id)
        self.caveats = [
            Caveat(id=c.id, text=(pack.caveats[c.id].text if c.id in pack.caveats else c.text),
                   sources=(pack.caveats[c.id].sources if c.id in pack.caveats else c.sources))
            for c in caveats.caveats
        ]
        self.steps: dict[tuple, Step] = {}  # steps by what they say: results share them
        self.findings: dict[tuple, ElementFinding] = {}  # element findings, likewise

    # ------------------------------------------------------------ one step of the explanation

    def _step(self, rule_id: str, value: str, rule_used: dict, rule_deps: tuple, age_word: str) -> Step:
        """One rule firing in words. Steps are frozen, so results can share them."""
        fw, vocab, rule = self.fw, self.vocab, self.rules[rule_id]
        because = [f"person.age={age_word}" if f == "person.age" else f"{f}={WORD[v]}" for f, v in rule_used.items()]
        because += [f"{fw}.{d}={WORD[v]}" for d, v in rule_deps]
        lists = {
            "{facts}": [vocab.label(f) for f, v in rule_used.items() if v == T],
            "{unknown_facts}": [vocab.label(f) for f, v in rule_used.items() if v == U],
        }

        def fill(part: str) -> str:
            for name, labels in lists.items():
                part = part.replace(name, label_list(labels))
            return part.replace("{age}", age_word)

        def optional(match: re.Match) -> str:
            named = [labels for name, labels in lists.items() if name in match.group(1)]
            return "" if named and not any(named) else fill(match.group(1))

        text = fill(_OPTIONAL.sub(optional, getattr(rule.says, WORD[value])))
        provision = self.provision[rule_id]
        return Step(
            rule=f"{fw}.{rule_id}", citation=self.citation[rule_id], because=because,
            text=text, value=WORD[value], depends_on=[f"{fw}.{d}" for d, _ in rule_deps],
            label=rule.label or "", url=provision.url, confidence=self.confidence[rule_id],
        )

    def _cached_step(self, rule_id, value, rule_used, rule_deps, age_word) -> Step:
        key = (rule_id, value, tuple(rule_used.items()), rule_deps,
               age_word if "person.age" in rule_used or rule_id in self.says_age else None)
        step = self.steps.get(key)
        if step is None:
            step = self._step(rule_id, value, rule_used, rule_deps, age_word)
            if len(self.steps) > 100_000:  # bounded: a long-running app sees endless combinations
                self.steps.clear()
            self.steps[key] = step
        return step

    # ------------------------------------------------------------ the result

    def read(self, scenario: Scenario, firings: list[Firing]) -> Result:
        fw = self.fw
        facts = {k: (U if v is None else T if v else F) for k, v in scenario.facts.items()}
        age = scenario.person.age
        age_word = "unknown" if age is None else str(age)
        values: dict[str, str] = {}
        used: dict[str, dict[str, str]] = {}
        deps: dict[str, dict[str, None]] = {}
        by_rule: dict[str, list[Firing]] = {}
        raised: set[str] = set()
        for firing in firings:
            if firing.kind == "caveat":
                raised.add(firing.id)
                continue
            if firing.id not in values:
                values[firing.id] = firing.value
                used[firing.id], deps[firing.id], by_rule[firing.id] = {}, {}, []
            elif values[firing.id] != firing.value:
                raise RuntimeError(f"{fw}.{firing.id} fired with two values")
            by_rule[firing.id].append(firing)
            _used(firing, facts, used[firing.id], deps[firing.id])

        if self.hidden:  # fold split-off parts back into the rule they came from
            for rule_id in values:
                if rule_id not in self.hidden:
                    _fold(rule_id, used, deps, self.hidden)

        steps = [
            self._cached_step(rule_id, value, used[rule_id], tuple((d, values[d]) for d in deps[rule_id]), age_word)
            for rule_id, value in values.items() if rule_id not in self.hidden
        ]
        elements = {role: self._element(role, values, used, deps) for role in ROLES}
        outcome_id = self.role_id["outcome"]
        child_value = values[self.role_id["child"]]
        open_questions, changes = self._unsettled(by_rule, values, facts)
        return Result(
            framework=fw,
            framework_title=self.pack.short_title,
            outcome=OUTCOME[values[outcome_id]],
            summary=next(s.text for s in steps if s.rule == f"{fw}.{outcome_id}"),
            elements=elements,
            child=None if child_value == U else child_value == T,
            child_line=self.child_line,
            explanation=steps,
            open_questions=open_questions,
            what_would_change=changes,
            caveats=[c for c in self.caveats if c.id in raised],
            referrals=referrals_for(scenario.jurisdiction, frozenset(raised)),
            related=[self._related(r, steps) for r in self.related_ids if values.get(r) == T],
        )

    def conclusions(self, firings: list[Firing]) -> dict[str, str]:
        """Only what the elements and the outcome came to: role -> status, and "outcome" -> the
        outcome. For "what would change it", which reads many traces and needs no more."""
        values = {f.id: f.value for f in firings if f.kind != "caveat"}
        found = {role: self._status(role, values) for role in ROLES}
        found["outcome"] = OUTCOME[values[self.role_id["outcome"]]]
        return found

    def _status(self, role: str, values) -> str:
        waiver = self.waiver_of.get(role)
        if waiver is not None and values.get(waiver.id) == T:
            return "not_required"
        return STATUS[values[self.role_id[role]]]

    def _element(self, role: str, values, used, deps) -> ElementFinding:
        """An element's finding. Findings are frozen and shared between results, as steps are."""
        rule = self.rules[self.role_id[role]]
        waiver = self.waiver_of.get(role)
        own = self._satisfied(rule.id, values, used, deps) if values.get(rule.id) == T else []
        waived = waiver is not None and values.get(waiver.id) == T
        key = (role, waived, values[rule.id], tuple(own))
        finding = self.findings.get(key)
        if finding is None:
            finding = self._new_element(role, rule, waiver if waived else None, values[rule.id], own)
            if len(self.findings) > 100_000:
                self.findings.clear()
            self.findings[key] = finding
        return finding

    def _new_element(self, role: str, rule: Rule, waiver: Rule | None, value: str, own: list[str]) -> ElementFinding:
        label = rule.label or role.title()
        if waiver is not None:
            provision = self.provision[waiver.id]
            return ElementFinding(
                status="not_required", satisfied_by=[], relied_on=own, citation=self.citation[waiver.id],
                rule=f"{self.fw}.{waiver.id}", label=label, url=provision.url, confidence=self.confidence[waiver.id],
            )
        provision = self.provision[rule.id]
        return ElementFinding(
            status=STATUS[value],
            satisfied_by=own,
            relied_on=own,
            citation=self.citation[rule.id],
            rule=f"{self.fw}.{rule.id}",
            label=label,
            url=provision.url,
            confidence=self.confidence[rule.id],
        )

    def _satisfied(self, rule_id: str, values, used, deps) -> list[str]:
        """The true facts a rule that holds relied on: its own, and those of every rule it named
        that holds too (Catala's way: a rule reuses a sub-rule by name, never copies its facts)."""
        found: set[str] = set()
        todo, seen = [rule_id], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found.update(f for f, v in used[current].items() if v == T and f != "person.age")
            todo += [d for d in deps[current] if values.get(d) == T and not self._condition(d)]
        return sorted(found, key=self.order.__getitem__)

    def _condition(self, rule_id: str) -> bool:
        rule = self.rules.get(rule_id)
        return rule is not None and rule.condition

    def _related(self, rule_id: str, steps: list[Step]) -> RelatedProvision:
        provision = self.provision[rule_id]
        step = next(s for s in steps if s.rule == f"{self.fw}.{rule_id}")
        return RelatedProvision(
            rule=step.rule, citation=self.citation[rule_id], text=provision.text, reason=step.text,
            url=provision.url, confidence=self.confidence[rule_id],
        )

    def _unsettled(self, by_rule, values, facts) -> tuple[list[str], list[str]]:
        """The unknowns that keep the outcome open, found by following the unknown conclusions
        down from the outcome through the branches that fired (no re-evaluation)."""
        outcome_id = self.role_id["outcome"]
        if values[outcome_id] != U:
            return [], []
        questions: dict[str, None] = {}
        changes: list[str] = []
        seen: set[str] = set()
        stack = [outcome_id]
        while stack:
            rule_id = stack.pop()
            if rule_id in seen:
                continue
            seen.add(rule_id)
            hint = None if rule_id in self.hidden else self.rules[rule_id].if_unknown
            if hint:
                changes.append(hint)
            for firing in by_rule[rule_id]:
                for atom in firing.atoms:
                    if isinstance(atom, AgeTest):
                        if atom.test == "unknown":
                            questions["person.age"] = None
                    elif atom.value == U or atom.quantifier == "none":
                        # "some of these unknown", or "none of these false" (could_count): the
                        # facts still unknown are what would settle it
                        questions.update((i, None) for i in atom.ids if facts.get(i, U) == U)
                stack.extend(dep for dep, _ in firing.branch.nodes if values.get(dep) == U)
        return self._group_wildcards(list(questions)), changes

    def _group_wildcards(self, questions: list[str]) -> list[str]:
        """Name a whole group ('means.*') when every fact of it that the pack uses is open."""
        out: list[str] = []
        by_group: dict[str, list[str]] = {}
        for q in questions:
            by_group.setdefault(q.split(".", 1)[0], []).append(q)
        for group, ids in by_group.items():
            if len(ids) > 1 and set(ids) == self.group_facts.get(group):
                out.append(f"{group}.*")
            else:
                out += ids
        return out
