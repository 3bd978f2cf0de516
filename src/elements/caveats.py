"""rules/caveats.yaml: the caveats, their wording, and the conditions that raise them.

A caveat's `when` is an expression of the pack language (see packs.py), compiled into
every framework's ruleset. In it a bare word names a role (action, means, purpose, child,
outcome, consent_irrelevant) and stands for the pack's rule with that role.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import PackError, from_validation
from .packs import Expr, iter_leaves
from .vocabulary import vocabulary
from .yamlfile import read_mapping, rules_dir

CONTRACT_IDS = ("not_legal_advice", "sex_work_distinction", "smuggling_distinction", "consent_irrelevant")
ROLE_WORDS = ("action", "means", "purpose", "child", "outcome", "consent_irrelevant")


class CaveatRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: Expr
    text: str
    sources: list[str] = Field(default_factory=list)


class CaveatBook(BaseModel):
    model_config = ConfigDict(extra="forbid")
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


def load_caveats(path: Path | None = None) -> CaveatBook:
    path = path or rules_dir() / "caveats.yaml"
    data = read_mapping(path, PackError)
    try:
        book = CaveatBook.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None
    known = set(vocabulary().ids)
    for index, caveat in enumerate(book.caveats):
        for leaf in iter_leaves(caveat.when):
            if "." in leaf:
                if not set(vocabulary().expand(leaf)) or not set(vocabulary().expand(leaf)) <= known:
                    raise PackError(str(path), f"caveats[{index}].when", f"unknown fact id {leaf}")
            elif leaf not in ROLE_WORDS:
                raise PackError(str(path), f"caveats[{index}].when", f"{leaf} is neither a fact id nor a role")
    return book


@lru_cache(maxsize=4)
def _cached(path: str) -> CaveatBook:
    return load_caveats(Path(path))


def caveat_book() -> CaveatBook:
    """The caveats of the current rules folder, read once per process (as the engine compiles
    them once: a changed rule needs a restart)."""
    return _cached(str(rules_dir() / "caveats.yaml"))
