"""rules/caveats.yaml: the caveats, their shared wording, and the conditions that raise them.

A caveat's `when` is an expression of the pack language (expressions.py), compiled into every
framework's ruleset. In it a bare word names a role (action, means, purpose, child, outcome,
consent_irrelevant), standing for the pack's rule with that role, or `age_matters`, true when
a rule that reads the pack's child rule is still open (so the age could change it). A pack may give a caveat its own wording where its
law differs from the shared text (packs.Pack.caveats).
"""
from __future__ import annotations

from pydantic import Field, model_validator

from .errors import PackError
from .expressions import Expr, fact_names, rule_names
from .loader import RulesModel, rules_file
from .vocabulary import vocabulary
from .words import ROLE_WORDS

CONTRACT_IDS = ("not_legal_advice", "sex_work_distinction", "smuggling_distinction", "consent_irrelevant")
# The words a caveat's condition may use for a pack's rules.
CAVEAT_WORDS = tuple(role for role in ROLE_WORDS if role != "related_offence") + ("age_matters",)


class CaveatRule(RulesModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: Expr
    text: str
    sources: list[str] = Field(default_factory=list)


class CaveatBook(RulesModel):
    caveats: list[CaveatRule]

    @model_validator(mode="after")
    def _contract(self) -> "CaveatBook":
        ids = [c.id for c in self.caveats]
        if len(set(ids)) != len(ids):
            raise ValueError("caveats: two caveats share an id")
        missing = [i for i in CONTRACT_IDS if i not in ids]
        if missing:
            raise ValueError(f"caveats: the contract's caveat {missing[0]} is missing")
        return self

    def ids(self) -> list[str]:
        return [c.id for c in self.caveats]


def _check(book: CaveatBook, source: str) -> None:
    vocab = vocabulary()
    for index, caveat in enumerate(book.caveats):
        for name in fact_names(caveat.when):
            ids = vocab.expand(name)
            if not ids or not set(ids) <= vocab.id_set:
                raise PackError(source, f"caveats[{index}].when", f"unknown fact id {name}")
        for name in rule_names(caveat.when):
            if name not in CAVEAT_WORDS:
                raise PackError(source, f"caveats[{index}].when", f"{name} is neither a fact id nor a role")


def caveat_book() -> CaveatBook:
    """The caveats of the current rules folder."""
    return rules_file("caveats.yaml", CaveatBook, _check)
