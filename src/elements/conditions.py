"""Turn three-valued rule tests into the conditions a rule engine can match: a pack (and the
caveats) compiled into a Program, with no rule engine in sight.

A rule's test has a value true (T), false (F) or unknown (U) in Kleene's logic. For each
value we build the disjunction of conjunctions ("branches") under which the test takes it;
engine.py registers each branch as one durable-rules rule, and findings.py reads the
branches that fired. Nothing here decides a case: it only rewrites the pack's expressions.

A branch tests two kinds of things:
- the scenario, through atoms: which facts are in the T, F and U lists (FactTest), the age
  (AgeTest);
- conclusions already drawn: the value another rule came to (a "node").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Callable, Iterable, Literal, Optional, Union

from .expressions import COMPOSITE, AgeUnder, AllOf, Always, AnyOf, CouldCount, ElementIs, Not, Unknown, rule_names
from .packs import Pack
from .words import STATUSES

T, F, U = "T", "F", "U"
ALL = frozenset((T, F, U))
WORD = {T: "true", F: "false", U: "unknown"}


@dataclass(frozen=True)
class FactTest:
    """`some`: at least one of `ids` has `value` in the scenario; `none`: none of them has it."""

    quantifier: Literal["some", "none"]
    value: str  # T / F / U
    ids: tuple[str, ...]  # in vocabulary order, each once: one atom, one spelling


@dataclass(frozen=True)
class AgeTest:
    """The person's age is under `years`, at least `years`, or unknown."""

    test: Literal["under", "at_least", "unknown"]
    years: int = 0


Atom = Union[FactTest, AgeTest]


def atom_key(atom: Atom) -> tuple:
    """A fixed order for atoms, so rules and explanations come out the same every time."""
    if isinstance(atom, AgeTest):
        return (1, atom.test, atom.years)
    return (0, atom.quantifier, atom.value, atom.ids)


@dataclass(frozen=True)
class Branch:
    atoms: frozenset = frozenset()
    nodes: tuple = ()  # sorted ((rule_id, frozenset(values)), ...)

    def node_map(self) -> dict[str, frozenset]:
        return dict(self.nodes)

    def sorted_atoms(self) -> list[Atom]:
        return sorted(self.atoms, key=atom_key)


TRUE = Branch()


def _and(left: list[Branch], right: list[Branch]) -> list[Branch]:
    out: list[Branch] = []
    for a, b in product(left, right):
        nodes = a.node_map()
        ok = True
        for rule_id, values in b.nodes:
            merged = nodes.get(rule_id, ALL) & values
            if not merged:
                ok = False
                break
            nodes[rule_id] = merged
        atoms = a.atoms | b.atoms
        if ok and _possible(atoms):
            out.append(Branch(atoms, tuple(sorted(nodes.items()))))
    return _dedupe(out)


def _possible(atoms: frozenset) -> bool:
    """False for a conjunction no scenario can satisfy: some of A in a list while none of a
    superset of A is; one fact in two lists; two age tests that exclude each other. Such
    branches would only cost the engine rules that never fire."""
    facts = [a for a in atoms if isinstance(a, FactTest)]
    some = [a for a in facts if a.quantifier == "some"]
    none = [a for a in facts if a.quantifier == "none"]
    for a in some:
        if any(a.value == b.value and set(a.ids) <= set(b.ids) for b in none):
            return False
    singles: dict[str, str] = {}
    for a in some:
        if len(a.ids) == 1:
            (fact,) = a.ids
            if singles.setdefault(fact, a.value) != a.value:
                return False
    ages = [a for a in atoms if isinstance(a, AgeTest)]
    tests = {a.test for a in ages}
    if "unknown" in tests and len(tests) > 1:
        return False
    under = [a.years for a in ages if a.test == "under"]
    at_least = [a.years for a in ages if a.test == "at_least"]
    return not (under and at_least and min(under) <= max(at_least))


def _and_all(parts: Iterable[list[Branch]]) -> list[Branch]:
    result = [TRUE]
    for part in parts:
        result = _and(result, part)
    return result


def _or(parts: Iterable[list[Branch]]) -> list[Branch]:
    return _dedupe([b for part in parts for b in part])


def _dedupe(branches: list[Branch]) -> list[Branch]:
    seen, out = set(), []
    for b in branches:
        if b not in seen:
            seen.add(b)
            out.append(b)
    return out


def _fact(fact_id: str, values: frozenset) -> list[Branch]:
    if values == ALL:
        return [TRUE]
    if not values:
        return []
    if len(values) == 1:
        (value,) = values
        return [Branch(frozenset({FactTest("some", value, (fact_id,))}))]
    (missing,) = ALL - values
    return [Branch(frozenset({FactTest("none", missing, (fact_id,))}))]


@dataclass
class Compiler:
    """Builds branches for one pack. `resolve` maps a bare word to a rule id (None: never true)."""

    pack: Pack
    expand: Callable[[str], list[str]]
    resolve: Callable[[str], Optional[str]] = field(default=lambda word: word)
    order: Callable[[str], int] = field(default=lambda fact_id: 0)  # the vocabulary's order

    def _ids(self, facts: list[str]) -> tuple[str, ...]:
        return tuple(sorted(set(facts), key=lambda f: (self.order(f), f)))

    def branches(self, expr, values: frozenset) -> list[Branch]:
        if not values:
            return []
        if isinstance(expr, str):
            if "." in expr:
                ids = self.expand(expr)
                if len(ids) == 1:
                    return _fact(ids[0], values)
                return self.branches(AnyOf(any_of=tuple(ids)), values)
            rule_id = self.resolve(expr)
            if rule_id is None:  # a role this pack does not have: the test is false
                return [TRUE] if F in values else []
            return [Branch(nodes=((rule_id, values),))]
        if isinstance(expr, Always):
            return [TRUE] if T in values else []
        if isinstance(expr, Not):
            flipped = frozenset({T: F, F: T, U: U}[v] for v in values)
            return self.branches(expr.not_, flipped)
        if isinstance(expr, Unknown):
            out = []
            if T in values:
                out += self.branches(expr.unknown, frozenset({U}))
            if F in values:
                out += self.branches(expr.unknown, frozenset({T, F}))
            return _dedupe(out)
        if isinstance(expr, CouldCount):
            out = []
            if U in values:
                out += self.branches(expr.could_count, frozenset({T, U}))
            if F in values:
                out += self.branches(expr.could_count, frozenset({F}))
            return _dedupe(out)
        if isinstance(expr, AgeUnder):
            out = []
            if T in values:
                out.append(Branch(frozenset({AgeTest("under", expr.age_under)})))
            if F in values:
                out.append(Branch(frozenset({AgeTest("at_least", expr.age_under)})))
            if U in values:
                out.append(Branch(frozenset({AgeTest("unknown")})))
            return out
        if isinstance(expr, ElementIs):
            return self._element(expr, values)
        if isinstance(expr, (AnyOf, AllOf)):
            return _or(self._junction(expr, v) for v in sorted(values))
        raise TypeError(f"not an expression: {expr!r}")

    def _junction(self, expr, value: str) -> list[Branch]:
        """Kleene any_of / all_of, for one value. Plain facts share one atom so the rule fires once."""
        is_any = isinstance(expr, AnyOf)
        members = expr.any_of if is_any else expr.all_of
        facts = [i for c in members if isinstance(c, str) and "." in c for i in self.expand(c)]
        others = [c for c in members if not (isinstance(c, str) and "." in c)]
        # The value that settles the junction by itself: T for any_of, F for all_of.
        decisive, neutral = (T, F) if is_any else (F, T)
        if value == decisive:
            parts = []
            if facts:
                parts.append([Branch(frozenset({FactTest("some", decisive, self._ids(facts))}))])
            parts += [self.branches(c, frozenset({decisive})) for c in others]
            return _or(parts)
        if value == neutral:
            parts = [_fact(f, frozenset({neutral})) for f in facts]
            parts += [self.branches(c, frozenset({neutral})) for c in others]
            return _and_all(parts)
        # Unknown: nothing decisive, and at least one child unknown.
        not_decisive = frozenset({neutral, U})
        parts = []
        if facts:
            parts.append([Branch(frozenset({FactTest("none", decisive, self._ids(facts))}))])
        parts += [self.branches(c, not_decisive) for c in others]
        some_unknown = []
        if facts:
            some_unknown.append([Branch(frozenset({FactTest("some", U, self._ids(facts))}))])
        some_unknown += [self.branches(c, frozenset({U})) for c in others]
        return _and(_and_all(parts), _or(some_unknown))

    def _element(self, expr: ElementIs, values: frozenset) -> list[Branch]:
        """An element's status is a two-valued test: true when the status is in the list."""
        wanted = set(expr.in_)
        out: list[Branch] = []
        if T in values:
            out += self._status_branches(expr.element, wanted)
        if F in values:
            out += self._status_branches(expr.element, set(STATUSES) - wanted)
        return _dedupe(out)

    def _status_branches(self, role: str, statuses: set[str]) -> list[Branch]:
        rule = self.pack.role_rule(role)
        waiver = self.pack.waiver_of(role)
        out: list[Branch] = []
        plain = {"met": T, "not_met": F, "unknown": U}
        own = frozenset(plain[s] for s in statuses if s in plain)
        if waiver is None:
            if own:
                out.append(Branch(nodes=((rule.id, own),)))
            return out
        if "not_required" in statuses:
            out.append(Branch(nodes=((waiver.id, frozenset({T})),)))
        if own:
            out += _and([Branch(nodes=((waiver.id, frozenset({F, U})),))], [Branch(nodes=((rule.id, own),))])
        return out


AGE_MATTERS = "__age_matters"  # a hidden rule (see compile_program)

# durable-rules evaluates every branch as a rule of its own and overflows a fixed internal
# stack (error 303, then memory corruption) when too many match at once. Nested any_of /
# all_of multiply branches, so a test whose largest value needs more than this many is
# split: its nested parts become hidden rules of their own, whose conclusions it joins.
MAX_BRANCHES = 12


def hoist(compiler: Compiler, rule_id: str, expr, hidden: dict[str, object]):
    """Return expr with nested composites replaced by hidden rule ids (added to `hidden`)
    until no value of it needs more than MAX_BRANCHES branches."""
    if not isinstance(expr, (AnyOf, AllOf)) or _size(compiler, expr) <= MAX_BRANCHES:
        return expr
    members = expr.any_of if isinstance(expr, AnyOf) else expr.all_of
    replaced = []
    for member in members:
        if isinstance(member, COMPOSITE):
            name = f"{rule_id}__{len(hidden) + 1}"
            hidden[name] = None  # reserve the name before recursing
            hidden[name] = hoist(compiler, name, member, hidden)
            replaced.append(name)
        else:
            replaced.append(member)
    return AnyOf(any_of=tuple(replaced)) if isinstance(expr, AnyOf) else AllOf(all_of=tuple(replaced))


def _size(compiler: Compiler, expr) -> int:
    return max(len(compiler.branches(expr, frozenset({v}))) for v in (T, F, U))


# ---------------------------------------------------------------- a compiled pack


@dataclass(frozen=True)
class Firing:
    """One rule of the program that matched: what it concludes and the branch that matched,
    with the branch's atoms in their fixed order (sorted once, read on every evaluation)."""

    kind: Literal["rule", "caveat"]
    id: str
    value: str  # T / F / U
    branch: Branch
    atoms: tuple = ()


@dataclass
class Program:
    """A pack and the caveats compiled into branches: everything the engine registers, and
    everything the reader of its trace needs to know about what it registered.

    `rules` holds the pack's rules and the hidden parts split off large tests (see hoist);
    findings.py folds a hidden part back into the rule it came from.
    """

    framework: str
    rules: dict[tuple[str, str], list[Branch]]  # (rule id, T/F/U) -> branches
    caveats: dict[str, list[Branch]]  # caveat id -> branches under which it is raised
    hidden: frozenset[str]

    def firings(self) -> Iterable[Firing]:
        """Every branch as the conclusion it draws, rules first, in a fixed order."""
        for (rule_id, value), branches in self.rules.items():
            for branch in branches:
                yield Firing("rule", rule_id, value, branch, tuple(branch.sorted_atoms()))
        for caveat_id, branches in self.caveats.items():
            for branch in branches:
                yield Firing("caveat", caveat_id, T, branch, tuple(branch.sorted_atoms()))

    def fact_ids(self) -> frozenset[str]:
        """Every fact some branch tests: the engine needs to be told of no other."""
        return frozenset(fact for firing in self.firings() for atom in firing.branch.atoms
                         if isinstance(atom, FactTest) for fact in atom.ids)


def compile_program(pack: Pack, caveats, expand: Callable[[str], list[str]],
                    order: Callable[[str], int] = lambda fact_id: 0) -> Program:
    """The pack's rules, for each of their three values, and each caveat, for when it holds.
    In a caveat a bare word names a role (the pack's rule with it) or `age_matters`: true when a
    rule that reads the child rule is open, so that knowing the age could change it (a hidden
    rule of the program; never true in a framework where nothing but the child rule reads it)."""
    rules = Compiler(pack, expand, order=order)
    hidden: dict[str, object] = {}
    tests = {rule.id: hoist(rules, rule.id, rule.test, hidden) for rule in pack.rules}
    child = pack.role_rule("child").id
    readers = [rule.id for rule in pack.rules if child in rule_names(rule.test)]
    if readers:
        hidden[AGE_MATTERS] = AnyOf(any_of=tuple(Unknown(unknown=r) for r in readers))
    compiled: dict[tuple[str, str], list[Branch]] = {}
    for node_id, test in {**hidden, **tests}.items():
        for value in (T, F, U):
            compiled[(node_id, value)] = rules.branches(test, frozenset({value}))
    names = {r.role: r.id for r in pack.rules if r.role}
    names["age_matters"] = AGE_MATTERS if readers else None
    caveat_compiler = Compiler(pack, expand, resolve=names.get, order=order)
    raised = {c.id: caveat_compiler.branches(c.when, frozenset({T})) for c in caveats}
    return Program(pack.framework, compiled, raised, frozenset(hidden))
