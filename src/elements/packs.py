"""Rule packs: one legal framework as data (rules/<framework>.yaml), validated on load.

A pack reads as annotated statute: its provisions, verbatim and in the statute's order, each
followed by the rules that encode exactly that provision. Each rule has a `test` in the
expression language (expressions.py; rules/README.md explains it for a reviewer) over the
facts of a scenario, the person's age and other rules of the same pack.

A rule with a `role` gives the result one of its conclusions: the action, means or purpose
element, whether the person is a child, the outcome, whether consent is irrelevant, or a
related offence to point to. `waives: means` says the means element is not required when the
rule holds. A pack may also give a caveat its own wording, where its law differs from the
shared text (rules/caveats.yaml).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pydantic import Field, model_validator

from .caveats import caveat_book
from .errors import PackError
from .expressions import Always, Expr, age_lines, fact_names, rule_names
from .loader import RulesModel, cached, load, rules_file
from .vocabulary import Vocabulary, vocabulary
from .words import Confidence, ElementRole, Role
from .yamlfile import rules_dir

# Roles a pack has exactly one rule for; consent_irrelevant at most one; related_offence any.
_ONE_EACH = ("action", "means", "purpose", "child", "outcome")


class Says(RulesModel):
    """What the rule says when it comes out true, false or unknown. {facts} lists the facts it
    relied on, {unknown_facts} the ones still open, {age} the person's age."""

    true: str
    false: str
    unknown: str

    @model_validator(mode="before")
    @classmethod
    def _yaml_booleans(cls, data: Any) -> Any:
        # YAML reads the keys `true:` and `false:` as booleans.
        if isinstance(data, dict):
            return {({True: "true", False: "false"}.get(k, k) if isinstance(k, bool) else k): v for k, v in data.items()}
        return data


class Rule(RulesModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    citation: Optional[str] = None  # defaults to the provision's citation
    role: Optional[Role] = None
    label: Optional[str] = None
    waives: Optional[ElementRole] = None
    test: Expr
    says: Says
    # What would settle this rule while it is unknown, in plain words.
    if_unknown: Optional[str] = None
    # A condition of the rules that name it, not what satisfies them: its facts are not listed
    # in an element's satisfied_by (the purpose that lets US fraud count as a means, say).
    condition: bool = False


class CombinedRule(Rule):
    """A rule that joins provisions (the definition as a whole): it names the provisions it joins
    and sits after all of them, as Catala's final rule does."""

    joins: list[str] = Field(min_length=1)


class Provision(RulesModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    citation: str
    text: str
    confidence: Confidence
    source: str
    # The official text, on the instrument's own site (a test checks the host).
    url: str = Field(pattern=r"^https://")
    rules: list[Rule] = Field(default_factory=list)


class CaveatWording(RulesModel):
    """A pack's own wording of a shared caveat, where its law differs from the shared text."""

    text: str
    sources: list[str] = Field(default_factory=list)


class Pack(RulesModel):
    framework: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    short_title: str
    instrument: str
    version: str
    in_force: date
    source: str
    confidence: Confidence
    summary: str
    provisions: list[Provision] = Field(min_length=1)
    # The rules that join the provisions above (the outcome, at least), after all of them.
    combined: list[CombinedRule] = Field(default_factory=list)
    caveats: dict[str, CaveatWording] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _coherent(self) -> "Pack":
        provision_ids = [p.id for p in self.provisions]
        if len(set(provision_ids)) != len(provision_ids):
            raise ValueError("provisions: two provisions share an id")
        for index, rule in enumerate(self.combined):
            for joined in rule.joins:
                if joined not in provision_ids:
                    raise ValueError(f"combined[{index}].joins: no provision with id {joined}")
        rules = [rule for provision in self.provisions for rule in provision.rules] + list(self.combined)
        rule_ids = [r.id for r in rules]
        if len(set(rule_ids)) != len(rule_ids):
            raise ValueError("provisions: two rules share an id")
        roles = [r.role for r in rules if r.role]
        for role in _ONE_EACH:
            if roles.count(role) != 1:
                raise ValueError(f"provisions: exactly one rule must have role {role} (found {roles.count(role)})")
        if roles.count("consent_irrelevant") > 1:
            raise ValueError("provisions: at most one rule may have role consent_irrelevant")
        waived = [r.waives for r in rules if r.waives]
        if len(set(waived)) != len(waived):
            raise ValueError("provisions: an element may be waived by one rule only")
        return self

    def model_post_init(self, __context: object) -> None:
        self._rules = [rule for provision in self.provisions for rule in provision.rules] + list(self.combined)
        self._by_id = {rule.id: rule for rule in self._rules}
        self._provision_of = {rule.id: p for p in self.provisions for rule in p.rules}
        by_id = {p.id: p for p in self.provisions}
        for rule in self.combined:  # its link is the first provision it joins
            if rule.joins[0] in by_id:  # (a wrong id is reported by the validator below)
                self._provision_of[rule.id] = by_id[rule.joins[0]]

    @property
    def rules(self) -> list[Rule]:
        """Every rule, in the pack's (the statute's) order."""
        return self._rules

    @property
    def rules_by_id(self) -> dict[str, Rule]:
        return self._by_id

    def provision(self, provision_id: str) -> Provision:
        return next(p for p in self.provisions if p.id == provision_id)

    def provision_of(self, rule: Rule | str) -> Provision:
        """The provision a rule encodes (the one it is written under)."""
        return self._provision_of[rule if isinstance(rule, str) else rule.id]

    def citation(self, rule: Rule) -> str:
        if rule.citation:
            return rule.citation
        if isinstance(rule, CombinedRule):
            return ", ".join(self.provision(p).citation for p in rule.joins)
        return self.provision_of(rule).citation

    def confidence_of(self, rule: Rule) -> str:
        """How the wording behind a rule was read: a combined rule is as sure as the least sure
        provision it joins."""
        joined = rule.joins if isinstance(rule, CombinedRule) else [self.provision_of(rule).id]
        order = ("unconfirmed", "secondary", "verified")
        return min((self.provision(p).confidence for p in joined), key=order.index)

    def role_rule(self, role: str) -> Optional[Rule]:
        return next((r for r in self._rules if r.role == role), None)

    def waiver_of(self, role: str) -> Optional[Rule]:
        return next((r for r in self._rules if r.waives == role), None)

    def has_element(self, role: str) -> bool:
        """False where the framework has no such element at all (a waiver that always holds)."""
        waiver = self.waiver_of(role)
        return waiver is None or not isinstance(waiver.test, Always)

    def _own_conclusion(self, rule: Rule) -> bool:
        if rule.role in ("action", "means", "purpose"):
            return self.has_element(rule.role)
        return rule.role is not None and rule.role != "related_offence"

    def child_line(self) -> Optional[int]:
        """The age under which this framework's child rule counts a person a child."""
        lines = age_lines(self.role_rule("child").test)
        return lines[0] if len(set(lines)) == 1 else None

    def facts_read(self, vocab: Vocabulary, rule: Rule | str | None = None) -> list[str]:
        """The facts the pack's rules test, in vocabulary order; with `rule`, the facts that rule
        reads itself or through the rules it names, except those that are a conclusion in their
        own right (an element the framework has, the child, the outcome, consent), which stop
        the walk. A waived-always element (UK's force, threats or deception) is part of what
        names it."""
        if rule is None:
            todo = list(self._rules)
        else:
            todo = [self._by_id[rule] if isinstance(rule, str) else rule]
        found: set[str] = set()
        seen: set[str] = set()
        while todo:
            current = todo.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            found.update(vocab.facts_in(current.test))
            if rule is not None:
                todo += [self._by_id[name] for name in rule_names(current.test)
                         if name in self._by_id and not self._own_conclusion(self._by_id[name])]
        return [fact_id for fact_id in vocab.ids if fact_id in found]


def check_references(pack: Pack, vocab: Vocabulary, source: str) -> None:
    """Every fact a rule names is in the vocabulary; every rule it names exists; no cycles."""
    rule_ids = set(pack.rules_by_id)
    known = vocab.id_set
    graph: dict[str, set[str]] = {}
    where = {rule.id: f"provisions[{pi}].rules[{ri}]" for pi, p in enumerate(pack.provisions)
             for ri, rule in enumerate(p.rules)}
    where.update({rule.id: f"combined[{index}]" for index, rule in enumerate(pack.combined)})
    for rule in pack.rules:
        for name in fact_names(rule.test):
            ids = vocab.expand(name)
            if not ids or not set(ids) <= known:
                raise PackError(source, f"{where[rule.id]}.test", f"unknown fact id {name}")
        deps = set(rule_names(rule.test))
        for name in sorted(deps - rule_ids):
            raise PackError(source, f"{where[rule.id]}.test", f"no rule with id {name} in this pack")
        graph[rule.id] = deps
        if rule.waives and not pack.role_rule(rule.waives):
            raise PackError(source, f"{where[rule.id]}.waives", f"no rule has role {rule.waives}")
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise PackError(source, "provisions", "rules depend on each other in a circle: " + " -> ".join(path + [node]))
        state[node] = 1
        for dep in sorted(graph[node]):
            visit(dep, path + [node])
        state[node] = 2

    for node in graph:
        visit(node, [])


def _check(pack: Pack, source: str) -> None:
    stem = Path(source).stem
    if pack.framework != stem:
        raise PackError(source, "framework", f"is {pack.framework!r} but the file is named {Path(source).name}")
    check_references(pack, vocabulary(), source)
    known = caveat_book().ids()
    for caveat_id in pack.caveats:
        if caveat_id not in known:
            raise PackError(source, f"caveats.{caveat_id}", "is not a caveat of rules/caveats.yaml")


def load_pack(path: Path | str) -> Pack:
    """A pack file, validated, with every reference checked (not cached: for tests and tools)."""
    return load(path, Pack, _check)


# ---------------------------------------------------------------- the frameworks of a rules folder

# The rule files that are not packs.
SHARED_FILES = ("vocabulary", "caveats", "referrals", "phrases", "frameworks", "countries")


class FrameworkIndex(RulesModel):
    """rules/frameworks.yaml: the order the frameworks are listed in, and the default one."""

    default: str
    order: list[str] = Field(min_length=1)


def pack_paths(folder: Path | None = None) -> dict[str, Path]:
    """Framework id -> pack file: every YAML file in the rules folder but the shared ones.
    Looked up once per folder and process (a new pack needs a restart, not a code change)."""
    return dict(_pack_paths(str(folder or rules_dir())))


@lru_cache(maxsize=16)
def _pack_paths(folder_name: str) -> tuple[tuple[str, Path], ...]:
    return tuple((path.stem, path) for path in sorted(Path(folder_name).glob("*.yaml"))
                 if path.stem not in SHARED_FILES)


def _index() -> FrameworkIndex:
    return rules_file("frameworks.yaml", FrameworkIndex)


def framework_ids(folder: Path | None = None) -> list[str]:
    """Every framework of the rules folder: those rules/frameworks.yaml orders first, in its
    order, then any other pack alphabetically (adding a pack needs no other change)."""
    ids = list(pack_paths(folder))
    if not ids:
        raise PackError(str(folder or rules_dir()), "", "holds no rule packs (is ELEMENTS_RULES right?)")
    order = _index().order
    return sorted(ids, key=lambda i: (order.index(i) if i in order else len(order), i))


def default_framework() -> str:
    """The framework explained when none is chosen (rules/frameworks.yaml)."""
    chosen = _index().default
    if chosen not in pack_paths():
        raise PackError(str(rules_dir() / "frameworks.yaml"), "default", f"no pack named {chosen}")
    return chosen


def get_pack(framework: str) -> Pack:
    paths = pack_paths()
    if framework not in paths:
        raise PackError("framework", framework, "is not a known framework (known: " + ", ".join(framework_ids()) + ")")
    return cached(paths[framework], Pack, _check)


def frameworks_reading(fact_id: str) -> list[str]:
    """The frameworks whose rules test a fact (derived from the packs, so it cannot drift)."""
    return [fw for fw in framework_ids() if fact_id in _facts_read(str(rules_dir()), fw)]


@lru_cache(maxsize=64)
def _facts_read(_folder: str, framework: str) -> frozenset[str]:
    return frozenset(get_pack(framework).facts_read(vocabulary()))
