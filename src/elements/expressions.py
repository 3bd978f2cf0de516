"""The expression language of rule tests and caveat conditions, as plain data.

A test is three-valued: it is true, false or unknown for a scenario (Kleene's logic: an
unknown fact makes `any_of` unknown unless another child is true). rules/README.md explains
each construct for a reviewer, with an example:

    action.recruitment              a fact (its id always has a dot); means.* is every means fact
    child                           another rule of the same pack, by id (never a dot)
    {any_of: [...]}, {all_of: [...]}, {not: ...}
    {unknown: ...}                  true when the expression is unknown (never itself unknown)
    {could_count: ...}              unknown when the expression is true or unknown, else false:
                                    for what an open list ("at a minimum") may still include
    {age_under: 18}                 unknown while the age is unknown
    {element: means, in: [not_met, unknown]}   an element's status (caveats use this)
    {always: true}
"""
from __future__ import annotations

from typing import Annotated, Any, Iterator, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from .words import ElementRole, Status


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnyOf(_Node):
    any_of: tuple["Expr", ...] = Field(min_length=1)


class AllOf(_Node):
    all_of: tuple["Expr", ...] = Field(min_length=1)


class Not(_Node):
    not_: "Expr" = Field(alias="not")


class Unknown(_Node):
    """True when the expression is unknown, false otherwise: never itself unknown."""

    unknown: "Expr"


class CouldCount(_Node):
    """Never true: unknown when the expression is true or unknown, false when it is false. A
    list that is a minimum ("shall include, at a minimum") leaves open whatever it does not
    name: this says so, instead of reading an unlisted form as "not met"."""

    could_count: "Expr"


class AgeUnder(_Node):
    age_under: int = Field(ge=1, le=130)


class ElementIs(_Node):
    element: ElementRole
    in_: tuple[Status, ...] = Field(alias="in", min_length=1)


class Always(_Node):
    always: Literal[True]


_TAGS = {AnyOf: "any_of", AllOf: "all_of", Not: "not", Unknown: "unknown", CouldCount: "could_count", AgeUnder: "age_under",
         ElementIs: "element", Always: "always"}


def _kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "ref"
    if isinstance(value, dict):
        return next((key for key in _TAGS.values() if key in value), None)
    return _TAGS.get(type(value))


Expr = Annotated[
    Union[
        Annotated[str, Tag("ref")],
        Annotated[AnyOf, Tag("any_of")],
        Annotated[AllOf, Tag("all_of")],
        Annotated[Not, Tag("not")],
        Annotated[Unknown, Tag("unknown")],
        Annotated[CouldCount, Tag("could_count")],
        Annotated[AgeUnder, Tag("age_under")],
        Annotated[ElementIs, Tag("element")],
        Annotated[Always, Tag("always")],
    ],
    Discriminator(
        _kind,
        custom_error_type="expression",
        custom_error_message=(
            "must be a fact id, a rule id, or a mapping with one of "
            "any_of, all_of, not, unknown, could_count, age_under, element, always"
        ),
    ),
]
for _model in (AnyOf, AllOf, Not, Unknown, CouldCount):
    _model.model_rebuild()

COMPOSITE = (AnyOf, AllOf, Not, Unknown, CouldCount)


def children(expr: Any) -> tuple:
    """The sub-expressions of a composite expression (none for a leaf)."""
    if isinstance(expr, AnyOf):
        return expr.any_of
    if isinstance(expr, AllOf):
        return expr.all_of
    if isinstance(expr, Not):
        return (expr.not_,)
    if isinstance(expr, Unknown):
        return (expr.unknown,)
    if isinstance(expr, CouldCount):
        return (expr.could_count,)
    return ()


def leaves(expr: Any) -> Iterator[str]:
    """Every name in an expression: fact ids (and patterns such as means.*) and rule ids."""
    if isinstance(expr, str):
        yield expr
    for child in children(expr):
        yield from leaves(child)


def is_fact(name: str) -> bool:
    return "." in name


def fact_names(expr: Any) -> list[str]:
    """The fact ids and patterns an expression names, as written, each once."""
    return list(dict.fromkeys(name for name in leaves(expr) if is_fact(name)))


def rule_names(expr: Any) -> list[str]:
    """The other rules (or, in a caveat, roles) an expression names, each once."""
    return list(dict.fromkeys(name for name in leaves(expr) if not is_fact(name)))


def age_lines(expr: Any) -> list[int]:
    """Every age an `age_under` test in the expression draws its line at."""
    if isinstance(expr, AgeUnder):
        return [expr.age_under]
    return [line for child in children(expr) for line in age_lines(child)]
