"""Turn a three-valued rule test into the conditions a rule engine can match.

A rule's test has a value true (T), false (F) or unknown (U) in Kleene's logic. For each
value we build the disjunction of conjunctions ("branches") under which the test takes
it; engine.py turns each branch into one durable-rules rule. Nothing here decides a
case: it only rewrites the pack's expressions.

A branch tests two kinds of things:
- the scenario: which facts are in the T, F and U lists, and the age;
- conclusions already drawn: the value another rule came to (a "node").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from typing import Callable, Iterable, Optional

from .packs import AgeUnder, AllOf, Always, AnyOf, ElementIs, Not, Pack, Unknown

T, F, U = "T", "F", "U"
ALL = frozenset((T, F, U))

# ('some', 'T', ids): one of ids is in the T list. ('none', 'T', ids): none of them is.
# ('age', 'under', n) / ('age', 'at_least', n) / ('age', 'unknown', 0)
Atom = tuple


@dataclass(frozen=True)
class Branch:
    atoms: frozenset = frozenset()
    nodes: tuple = ()  # sorted ((rule_id, frozenset(values)), ...)

    def node_map(self) -> dict[str, frozenset]:
        return dict(self.nodes)

    def ordered(self) -> "Branch":
        """The same branch with its atoms in a fixed order (ids sorted), for explanations."""
        atoms = tuple(sorted(((kind, array, tuple(sorted(ids)) if isinstance(ids, frozenset) else ids)
                              for kind, array, ids in self.atoms), key=repr))
        return Branch(atoms, self.nodes)


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
    some = [(array, ids) for kind, array, ids in atoms if kind == "some"]
    none = [(array, ids) for kind, array, ids in atoms if kind == "none"]
    for array, ids in some:
        if any(array == other and ids <= excluded for other, excluded in none):
            return False
    singles: dict[str, str] = {}
    for array, ids in some:
        if len(ids) == 1:
            (fact,) = ids
            if singles.setdefault(fact, array) != array:
                return False
    ages = {(test, years) for kind, test, years in atoms if kind == "age"}
    tests = {test for test, _ in ages}
    if "unknown" in tests and len(tests) > 1:
        return False
    under = [years for test, years in ages if test == "under"]
    at_least = [years for test, years in ages if test == "at_least"]
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
        return [Branch(frozenset({("some", value, frozenset({fact_id}))}))]
    (missing,) = ALL - values
    return [Branch(frozenset({("none", missing, frozenset({fact_id}))}))]


@dataclass
class Compiler:
    """Builds branches for one pack. `resolve` maps a bare word to a rule id (None: never true)."""

    pack: Pack
    expand: Callable[[str], list[str]]
    resolve: Callable[[str], Optional[str]] = field(default=lambda word: word)

    def branches(self, expr, values: frozenset) -> list[Branch]:
        if not values:
            return []
        if isinstance(expr, str):
            if "." in expr:
                ids = self.expand(expr)
                if len(ids) == 1:
                    return _fact(ids[0], values)
                return self.branches(AnyOf(any_of=ids), values)
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
        if isinstance(expr, AgeUnder):
            out = []
            if T in values:
                out.append(Branch(frozenset({("age", "under", expr.age_under)})))
            if F in values:
                out.append(Branch(frozenset({("age", "at_least", expr.age_under)})))
            if U in values:
                out.append(Branch(frozenset({("age", "unknown", 0)})))
            return out
        if isinstance(expr, ElementIs):
            return self._element(expr, values)
        if isinstance(expr, (AnyOf, AllOf)):
            return _or(self._junction(expr, v) for v in sorted(values))
        raise TypeError(f"not an expression: {expr!r}")

    def _junction(self, expr, value: str) -> list[Branch]:
        """Kleene any_of / all_of, for one value. Plain facts share one atom so the rule fires once."""
        is_any = isinstance(expr, AnyOf)
        children = expr.any_of if is_any else expr.all_of
        facts = [i for c in children if isinstance(c, str) and "." in c for i in self.expand(c)]
        others = [c for c in children if not (isinstance(c, str) and "." in c)]
        # The value that settles the junction by itself: T for any_of, F for all_of.
        decisive, neutral = (T, F) if is_any else (F, T)
        if value == decisive:
            parts = []
            if facts:
                parts.append([Branch(frozenset({("some", decisive, frozenset(facts))}))])
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
            parts.append([Branch(frozenset({("none", decisive, frozenset(facts))}))])
        parts += [self.branches(c, not_decisive) for c in others]
        some_unknown = []
        if facts:
            some_unknown.append([Branch(frozenset({("some", U, frozenset(facts))}))])
        some_unknown += [self.branches(c, frozenset({U})) for c in others]
        return _and(_and_all(parts), _or(some_unknown))

    def _element(self, expr: ElementIs, values: frozenset) -> list[Branch]:
        """An element's status is a two-valued test: true when the status is in the list."""
        wanted = set(expr.in_)
        out: list[Branch] = []
        if T in values:
            out += self._status_branches(expr.element, wanted)
        if F in values:
            out += self._status_branches(expr.element, {"met", "not_met", "unknown", "not_required"} - wanted)
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


# durable-rules evaluates every branch as a rule of its own and overflows a fixed internal
# stack (error 303, then memory corruption) when too many match at once. Nested any_of /
# all_of multiply branches, so a test whose largest value needs more than this many is
# split: its nested parts become hidden rules of their own, whose conclusions it joins.
MAX_BRANCHES = 12
_COMPOSITE = (AnyOf, AllOf, Not, Unknown)


def hoist(compiler: "Compiler", rule_id: str, expr, hidden: dict[str, object]):
    """Return expr with nested composites replaced by hidden rule ids (added to `hidden`)
    until no value of it needs more than MAX_BRANCHES branches."""
    if not isinstance(expr, (AnyOf, AllOf)) or _size(compiler, expr) <= MAX_BRANCHES:
        return expr
    children = expr.any_of if isinstance(expr, AnyOf) else expr.all_of
    replaced = []
    for child in children:
        if isinstance(child, _COMPOSITE):
            name = f"{rule_id}__{len(hidden) + 1}"
            hidden[name] = None  # reserve the name before recursing
            hidden[name] = hoist(compiler, name, child, hidden)
            replaced.append(name)
        else:
            replaced.append(child)
    return AnyOf(any_of=replaced) if isinstance(expr, AnyOf) else AllOf(all_of=replaced)


def _size(compiler: "Compiler", expr) -> int:
    return max(len(compiler.branches(expr, frozenset({v}))) for v in (T, F, U))
