"""Rule packs: one legal framework as data (rules/<framework>.yaml), validated on load.

A pack is the provisions of one instrument, verbatim and in the statute's order, and the
rules that encode them. Each rule has a `test`: an expression in three-valued logic
(true / false / unknown) over the facts of a scenario, the person's age and other rules
of the same pack. Expressions are plain data:

    action.recruitment              a fact (its id always has a dot)
    child                           another rule of this pack (its id never has a dot)
    {any_of: [...]}, {all_of: [...]}, {not: ...}
    {unknown: ...}                  true when the expression is unknown (never itself unknown)
    {age_under: 18}                 unknown while the age is unknown
    {element: means, in: [not_met, unknown]}   an element's status (caveats use this)
    {always: true}

A rule with a `role` gives the contract one of its conclusions: the action, means or
purpose element, whether the person is a child, the outcome, and whether consent is
irrelevant. `waives: means` says the means element is not required when the rule holds.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    model_validator,
)

from .errors import PackError, from_validation
from .vocabulary import Vocabulary, vocabulary
from .yamlfile import read_mapping, rules_dir

Confidence = Literal["verified", "secondary", "unconfirmed"]
Role = Literal["action", "means", "purpose", "child", "outcome", "consent_irrelevant"]
ElementRole = Literal["action", "means", "purpose"]
StatusName = Literal["met", "not_met", "unknown", "not_required"]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AnyOf(_Node):
    any_of: list["Expr"] = Field(min_length=1)


class AllOf(_Node):
    all_of: list["Expr"] = Field(min_length=1)


class Not(_Node):
    not_: "Expr" = Field(alias="not")


class Unknown(_Node):
    """True when the expression is unknown, false otherwise: never itself unknown."""

    unknown: "Expr"


class AgeUnder(_Node):
    age_under: int = Field(ge=1, le=130)


class ElementIs(_Node):
    element: ElementRole
    in_: list[StatusName] = Field(alias="in", min_length=1)


class Always(_Node):
    always: Literal[True]


def _kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "ref"
    if isinstance(value, dict):
        for key in ("any_of", "all_of", "not", "unknown", "age_under", "element", "always"):
            if key in value:
                return key
    if isinstance(value, (AnyOf, AllOf, Not, Unknown, AgeUnder, ElementIs, Always)):
        return {AnyOf: "any_of", AllOf: "all_of", Not: "not", Unknown: "unknown", AgeUnder: "age_under",
                ElementIs: "element", Always: "always"}[type(value)]
    return None


Expr = Annotated[
    Union[
        Annotated[str, Tag("ref")],
        Annotated[AnyOf, Tag("any_of")],
        Annotated[AllOf, Tag("all_of")],
        Annotated[Not, Tag("not")],
        Annotated[Unknown, Tag("unknown")],
        Annotated[AgeUnder, Tag("age_under")],
        Annotated[ElementIs, Tag("element")],
        Annotated[Always, Tag("always")],
    ],
    Discriminator(
        _kind,
        custom_error_type="expression",
        custom_error_message=(
            "must be a fact id, a rule id, or a mapping with one of "
            "any_of, all_of, not, unknown, age_under, element, always"
        ),
    ),
]
for _model in (AnyOf, AllOf, Not, Unknown):
    _model.model_rebuild()


class Says(_Node):
    """What the rule says when it comes out true, false or unknown. {facts} lists the facts it used."""

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


class Provision(_Node):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    citation: str
    text: str
    confidence: Confidence
    source: str


class Rule(_Node):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    provision: str
    citation: Optional[str] = None  # defaults to the provision's citation
    role: Optional[Role] = None
    label: Optional[str] = None
    waives: Optional[ElementRole] = None
    test: Expr
    says: Says
    # What would settle this rule while it is unknown, in plain words.
    if_unknown: Optional[str] = None


class Pack(_Node):
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
    rules: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self) -> "Pack":
        provision_ids = [p.id for p in self.provisions]
        if len(set(provision_ids)) != len(provision_ids):
            raise ValueError("provisions: two provisions share an id")
        rule_ids = [r.id for r in self.rules]
        if len(set(rule_ids)) != len(rule_ids):
            raise ValueError("rules: two rules share an id")
        for index, rule in enumerate(self.rules):
            if rule.provision not in provision_ids:
                raise ValueError(f"rules[{index}].provision: no provision with id {rule.provision}")
        roles = [r.role for r in self.rules if r.role]
        for role in ("action", "means", "purpose", "child", "outcome"):
            if roles.count(role) != 1:
                raise ValueError(f"rules: exactly one rule must have role {role} (found {roles.count(role)})")
        if roles.count("consent_irrelevant") > 1:
            raise ValueError("rules: at most one rule may have role consent_irrelevant")
        waived = [r.waives for r in self.rules if r.waives]
        if len(set(waived)) != len(waived):
            raise ValueError("rules: an element may be waived by one rule only")
        return self

    # Convenience for views and the compiler.
    def provision(self, provision_id: str) -> Provision:
        return next(p for p in self.provisions if p.id == provision_id)

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def citation(self, rule: Rule) -> str:
        return rule.citation or self.provision(rule.provision).citation

    def role_rule(self, role: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.role == role), None)

    def waiver_of(self, role: str) -> Optional[Rule]:
        return next((r for r in self.rules if r.waives == role), None)


def iter_leaves(expr: Any):
    """Every string leaf (fact id or rule id) and element reference in an expression."""
    if isinstance(expr, str):
        yield expr
    elif isinstance(expr, AnyOf):
        for child in expr.any_of:
            yield from iter_leaves(child)
    elif isinstance(expr, AllOf):
        for child in expr.all_of:
            yield from iter_leaves(child)
    elif isinstance(expr, Not):
        yield from iter_leaves(expr.not_)
    elif isinstance(expr, Unknown):
        yield from iter_leaves(expr.unknown)


def check_references(pack: Pack, vocab: Vocabulary, source: str) -> None:
    """Every fact a rule names is in the vocabulary; every rule it names exists; no cycles."""
    rule_ids = {r.id for r in pack.rules}
    known = set(vocab.ids)
    graph: dict[str, set[str]] = {}
    for index, rule in enumerate(pack.rules):
        deps: set[str] = set()
        for leaf in iter_leaves(rule.test):
            if "." in leaf:
                ids = vocab.expand(leaf)
                if not ids or not set(ids) <= known:
                    raise PackError(source, f"rules[{index}].test", f"unknown fact id {leaf}")
            elif leaf not in rule_ids:
                raise PackError(source, f"rules[{index}].test", f"no rule with id {leaf} in this pack")
            else:
                deps.add(leaf)
        graph[rule.id] = deps
        if rule.waives and not pack.role_rule(rule.waives):
            raise PackError(source, f"rules[{index}].waives", f"no rule has role {rule.waives}")
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise PackError(source, "rules", "rules depend on each other in a circle: " + " -> ".join(path + [node]))
        state[node] = 1
        for dep in sorted(graph[node]):
            visit(dep, path + [node])
        state[node] = 2

    for node in graph:
        visit(node, [])


def load_pack(path: Path | str, vocab: Vocabulary | None = None) -> Pack:
    path = Path(path)
    data = read_mapping(path, PackError)
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None
    if pack.framework != path.stem:
        raise PackError(str(path), "framework", f"is {pack.framework!r} but the file is named {path.name}")
    check_references(pack, vocab or vocabulary(), str(path))
    return pack


def pack_paths(folder: Path | None = None) -> dict[str, Path]:
    """Framework id -> pack file: every YAML file in rules/ but the shared ones. Looked up
    once per folder and process (a new pack needs a restart, not a code change)."""
    return dict(_pack_paths(str(folder or rules_dir())))


@lru_cache(maxsize=16)
def _pack_paths(folder_name: str) -> tuple[tuple[str, Path], ...]:
    folder = Path(folder_name)
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem in ("vocabulary", "caveats", "referrals", "phrases"):
            continue
        found[path.stem] = path
    return tuple(found.items())


# The order frameworks are listed in: the contract's, then any new pack alphabetically.
_ORDER = ("palermo", "coe", "eu", "us", "uk", "ca")


def framework_ids(folder: Path | None = None) -> list[str]:
    ids = list(pack_paths(folder))
    if not ids:
        raise PackError(str(folder or rules_dir()), "", "holds no rule packs (is ELEMENTS_RULES right?)")
    return sorted(ids, key=lambda i: (_ORDER.index(i) if i in _ORDER else len(_ORDER), i))


@lru_cache(maxsize=32)
def _cached(path: str) -> Pack:
    return load_pack(Path(path))


def get_pack(framework: str) -> Pack:
    paths = pack_paths()
    if framework not in paths:
        raise PackError("framework", framework, "is not a known framework (known: " + ", ".join(framework_ids()) + ")")
    # Read once per process, as the engine compiles it once: a changed pack needs a restart.
    return _cached(str(paths[framework]))
