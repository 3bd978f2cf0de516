"""From the engine's trace to a Result. Reads what fired; decides nothing.

Each conclusion in the result is the value of a rule that fired: element statuses, the
child, the outcome and the caveats. The explanation is the trace itself, one step per
rule, with the facts and earlier conclusions its matching condition used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .conditions import Branch, F, T, U
from .model import ElementFinding, Result, Scenario, Step
from .referrals import referrals_for

if TYPE_CHECKING:
    from .engine import CompiledPack, Firing

WORD = {T: "true", F: "false", U: "unknown"}
STATUS = {T: "met", F: "not_met", U: "unknown"}
OUTCOME = {T: "all_elements_met", F: "not_all_elements_met", U: "undetermined"}


def _used(branch: Branch, facts: dict[str, str], used: dict[str, str], deps: dict[str, None]) -> None:
    """Collect what a firing branch tested: facts with their values, and earlier conclusions."""
    for kind, array, ids in branch.atoms:  # atoms are sorted once, at compile time
        if kind == "age":
            used["person.age"] = ""
            continue
        for fact_id in ids:
            value = facts.get(fact_id, U)
            # 'some' names the facts that are in the list; 'none' names them all.
            if kind == "none" or value == array:
                used[fact_id] = value
    for rule_id, _values in branch.nodes:
        deps[rule_id] = None


def _fold(rule_id: str, used: dict, deps: dict, hidden: dict) -> None:
    """Replace a rule's dependencies on hidden parts by what those parts used."""
    for dep in [d for d in deps[rule_id] if d in hidden]:
        if dep in deps:
            _fold(dep, used, deps, hidden)
            used[rule_id].update(used[dep])
            deps[rule_id].update(deps[dep])
        del deps[rule_id][dep]


def _label_list(labels: list[str]) -> str:
    # Labels go mid-sentence: "Recruitment" -> "recruitment", but "ID documents" stays.
    labels = [l[0].lower() + l[1:] if len(l) > 1 and not l[1].isupper() else l for l in labels]
    if not labels:
        return "none"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _step(ruleset, rule_id: str, value: str, rule_used: dict, rule_deps: tuple, age_word: str) -> Step:
    """One rule firing in words. Steps are frozen, so results can share them."""
    fw, vocab = ruleset.pack.framework, ruleset.vocab
    because = [f"person.age={age_word}" if f == "person.age" else f"{f}={WORD[v]}" for f, v in rule_used.items()]
    because += [f"{fw}.{d}={WORD[v]}" for d, v in rule_deps]
    text = getattr(ruleset.rule_by_id[rule_id].says, WORD[value])
    if "{facts}" in text:
        text = text.replace("{facts}", _label_list([vocab.label(f) for f, v in rule_used.items() if v == T]))
    if "{unknown_facts}" in text:
        text = text.replace("{unknown_facts}", _label_list([vocab.label(f) for f, v in rule_used.items() if v == U]))
    if "{age}" in text:
        text = text.replace("{age}", age_word)
    return Step(
        rule=f"{fw}.{rule_id}", citation=ruleset.citation_of[rule_id], because=because,
        text=text, value=WORD[value], depends_on=[f"{fw}.{d}" for d, _ in rule_deps],
    )


def build_result(ruleset: "CompiledPack", scenario: Scenario, firings: list["Firing"]) -> Result:
    pack = ruleset.pack
    fw = pack.framework
    facts = {k: (U if v is None else T if v else F) for k, v in scenario.facts.items()}
    age = scenario.person.age
    age_word = "unknown" if age is None else str(age)
    values: dict[str, str] = {}
    used: dict[str, dict[str, str]] = {}
    deps: dict[str, dict[str, None]] = {}
    by_rule: dict[str, list[Branch]] = {}
    fired_caveats: set[str] = set()
    for firing in firings:
        if firing.kind == "caveat":
            fired_caveats.add(firing.id)
            continue
        if firing.id not in values:
            values[firing.id] = firing.value
            used[firing.id], deps[firing.id], by_rule[firing.id] = {}, {}, []
        elif values[firing.id] != firing.value:
            raise RuntimeError(f"{fw}.{firing.id} fired with two values")
        by_rule[firing.id].append(firing.branch)
        _used(firing.branch, facts, used[firing.id], deps[firing.id])

    hidden = ruleset.hidden
    if hidden:  # fold split-off parts back into the rule they came from
        for rule_id in values:
            if rule_id not in hidden:
                _fold(rule_id, used, deps, hidden)

    steps: list[Step] = []
    cache = ruleset.step_cache
    for rule_id, value in values.items():
        if rule_id in hidden:
            continue
        rule_used = used[rule_id]
        rule_deps = tuple((d, values[d]) for d in deps[rule_id])
        key = (rule_id, value, tuple(rule_used.items()), rule_deps,
               age_word if "person.age" in rule_used or rule_id in ruleset.says_age else None)
        step = cache.get(key)
        if step is None:
            step = _step(ruleset, rule_id, value, rule_used, rule_deps, age_word)
            if len(cache) > 100_000:  # bounded: a long-running app sees endless combinations
                cache.clear()
            cache[key] = step
        steps.append(step)

    elements: dict[str, ElementFinding] = {}
    for role in ("action", "means", "purpose"):
        rule = ruleset.rule_by_id[ruleset.role_id[role]]
        waiver = ruleset.waiver_of.get(role)
        if waiver is not None and values.get(waiver.id) == T:
            elements[role] = ElementFinding(
                status="not_required", satisfied_by=[], citation=ruleset.citation_of[waiver.id],
                rule=f"{fw}.{waiver.id}", label=rule.label or role.title(),
            )
            continue
        value = values[rule.id]
        elements[role] = ElementFinding(
            status=STATUS[value],
            satisfied_by=[f for f, v in used[rule.id].items() if v == T] if value == T else [],
            citation=ruleset.citation_of[rule.id],
            rule=f"{fw}.{rule.id}",
            label=rule.label or role.title(),
        )

    child_value = values[ruleset.role_id["child"]]
    outcome_id = ruleset.role_id["outcome"]
    outcome_value = values[outcome_id]
    summary = next(s.text for s in steps if s.rule == f"{fw}.{outcome_id}")

    open_questions, changes = _unsettled(ruleset, by_rule, values, facts)
    caveats = [c for c in ruleset.caveat_models if c.id in fired_caveats]
    return Result(
        framework=fw,
        framework_title=pack.short_title,
        outcome=OUTCOME[outcome_value],
        summary=summary,
        elements=elements,
        child=None if child_value == U else child_value == T,
        explanation=steps,
        open_questions=open_questions,
        what_would_change=changes,
        caveats=caveats,
        referrals=referrals_for(scenario.jurisdiction, frozenset(fired_caveats)),
    )


def _unsettled(ruleset, by_rule, values, facts) -> tuple[list[str], list[str]]:
    """The unknowns that keep the outcome open, found by following the unknown conclusions
    down from the outcome through the branches that fired (no re-evaluation)."""
    outcome_id = ruleset.role_id["outcome"]
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
        hint = None if rule_id in ruleset.hidden else ruleset.rule_by_id[rule_id].if_unknown
        if hint:
            changes.append(hint)
        for branch in by_rule[rule_id]:
            for kind, array, ids in branch.atoms:
                if kind == "age":
                    if array == "unknown":
                        questions["person.age"] = None
                elif kind == "some" and array == U:
                    questions.update((i, None) for i in ids if facts.get(i, U) == U)
            stack.extend(dep for dep, _ in branch.nodes if values.get(dep) == U)
    return _group_wildcards(list(questions), ruleset.group_facts), changes


def _group_wildcards(questions: list[str], group_facts: dict[str, set[str]]) -> list[str]:
    """Name a whole group ('means.*') when every fact of it that the pack uses is open."""
    out: list[str] = []
    by_group: dict[str, list[str]] = {}
    for q in questions:
        by_group.setdefault(q.split(".", 1)[0], []).append(q)
    for group, ids in by_group.items():
        if len(ids) > 1 and set(ids) == group_facts.get(group):
            out.append(f"{group}.*")
        else:
            out += ids
    return out
