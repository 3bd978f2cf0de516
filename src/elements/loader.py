"""Reading a file of rules/: read it, validate it against its model, check what the model alone
cannot (references to other files), and keep it for the life of the process. Every rule file
(packs, vocabulary, caveats, referrals, phrases, the framework index) is loaded here, the same
way: an error names the file and the field, and is never a traceback.

Files are read once per process and rules folder, as the engine compiles them once: a changed
rule needs a restart, as a changed program would.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import PackError, from_validation
from .yamlfile import read_mapping, rules_dir



class RulesModel(BaseModel):
    """A part of a rules file. A key the model does not know is refused, never ignored: a
    misspelt key in the law would otherwise drop a rule's part without a word."""

    model_config = ConfigDict(extra="forbid")


M = TypeVar("M", bound=BaseModel)
# A check of what one file says about others (a fact id the vocabulary must know, say): it
# receives the validated model and the file's name, and raises PackError.
Check = Callable[[BaseModel, str], None]


def load(path: Path | str, model: type[M], check: Optional[Check] = None) -> M:
    """One file -> a validated model, or PackError naming the file and the field."""
    source = str(path)
    data = read_mapping(path, PackError)
    try:
        loaded = model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, source, PackError) from None
    if check is not None:
        check(loaded, source)
    return loaded


@lru_cache(maxsize=128)
def _cached(path: str, model: type[M], check: Optional[Check]) -> M:
    return load(Path(path), model, check)


def cached(path: Path | str, model: type[M], check: Optional[Check] = None) -> M:
    """load(), once per process for each file."""
    return _cached(str(path), model, check)


def rules_file(name: str, model: type[M], check: Optional[Check] = None) -> M:
    """rules/<name> of the current rules folder (ELEMENTS_RULES, or the repository's), once."""
    return cached(rules_dir() / name, model, check)
