"""rules/vocabulary.yaml: every fact a scenario can state, with its question and help.

Which framework reads which fact is not kept here: it is what the packs' rules test
(packs.frameworks_reading), so it cannot drift from them.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from .expressions import fact_names
from .loader import RulesModel, rules_file

Group = Literal["person", "action", "means", "purpose", "context"]


class GroupInfo(RulesModel):
    id: Group
    title: str
    intro: str


class AgeQuestion(RulesModel):
    question: str
    help: str
    example: str


class FactInfo(RulesModel):
    id: str = Field(pattern=r"^(action|means|purpose|consent|movement)\.[a-z_]+$")
    group: Group
    label: str
    question: str
    help: str
    example: str


class Vocabulary(RulesModel):
    version: int
    groups: list[GroupInfo]
    age: AgeQuestion
    facts: list[FactInfo]

    @model_validator(mode="after")
    def _unique_ids(self) -> "Vocabulary":
        seen: set[str] = set()
        for index, fact in enumerate(self.facts):
            if fact.id in seen:
                raise ValueError(f"facts[{index}]: fact id {fact.id} appears twice")
            seen.add(fact.id)
        return self

    @property
    def ids(self) -> list[str]:
        return [fact.id for fact in self.facts]

    @property
    def id_set(self) -> frozenset[str]:
        return self._id_set

    def fact(self, fact_id: str) -> FactInfo:
        return self._by_id[fact_id]

    def label(self, fact_id: str) -> str:
        info = self._by_id.get(fact_id)
        return info.label if info else fact_id

    def in_group(self, group: str) -> list[FactInfo]:
        return [fact for fact in self.facts if fact.group == group]

    def expand(self, pattern: str) -> list[str]:
        """'means.*' -> every means fact id; a plain id -> itself."""
        if pattern.endswith(".*"):
            prefix = pattern[:-1]
            return [i for i in self.ids if i.startswith(prefix)]
        return [pattern]

    def facts_in(self, expr: Any) -> list[str]:
        """Every fact id an expression reads, patterns expanded, each once, in vocabulary order."""
        wanted = {fact_id for name in fact_names(expr) for fact_id in self.expand(name)}
        return [fact_id for fact_id in self.ids if fact_id in wanted]

    def model_post_init(self, __context: object) -> None:
        self._by_id = {fact.id: fact for fact in self.facts}
        self._id_set = frozenset(self._by_id)


def vocabulary() -> Vocabulary:
    """The vocabulary of the current rules folder."""
    return rules_file("vocabulary.yaml", Vocabulary)
