"""rules/vocabulary.yaml: every fact a scenario can state, with its question and help."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import PackError, from_validation
from .yamlfile import read_mapping, rules_dir

Group = Literal["person", "action", "means", "purpose", "context"]


class GroupInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Group
    title: str
    intro: str


class AgeQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str
    help: str
    example: str


class FactInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^(action|means|purpose|consent|movement)\.[a-z_]+$")
    group: Group
    label: str
    question: str
    help: str
    example: str
    # The frameworks whose text names this fact (information; a test checks each is a pack).
    frameworks: list[str] = Field(default_factory=list)


class Vocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid")
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

    def model_post_init(self, __context: object) -> None:
        self._by_id = {fact.id: fact for fact in self.facts}
        self._id_set = frozenset(self._by_id)


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    path = path or rules_dir() / "vocabulary.yaml"
    data = read_mapping(path, PackError)
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None


@lru_cache(maxsize=4)
def _cached(path: str) -> Vocabulary:
    return load_vocabulary(Path(path))


def vocabulary() -> Vocabulary:
    """The vocabulary of the current rules folder, read once per process."""
    return _cached(str(rules_dir() / "vocabulary.yaml"))
