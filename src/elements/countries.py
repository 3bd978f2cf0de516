"""rules/countries/iso3166-1.yaml: the ISO 3166-1 alpha-2 codes a scenario's jurisdiction may name."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Optional

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from .errors import PackError, from_validation
from .yamlfile import read_mapping, rules_dir

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class Countries(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    countries: dict[Code, str]  # code -> English short name
    aliases: dict[Code, Code] = {}  # a reserved code people use -> the code it means (UK -> GB)

    @model_validator(mode="after")
    def _aliases_name_countries(self) -> "Countries":
        for alias, code in self.aliases.items():
            if code not in self.countries:
                raise ValueError(f"aliases: {alias} stands for {code}, which is not one of the countries")
        return self

    def code(self, text: str) -> Optional[str]:
        """'gb', ' GB ', 'uk' -> 'GB'; None when it is not a code in use."""
        code = text.strip().upper()
        code = self.aliases.get(code, code)
        return code if code in self.countries else None


def load_countries(path: Optional[Path] = None) -> Countries:
    path = path or rules_dir() / "countries" / "iso3166-1.yaml"
    data = read_mapping(path, PackError)
    try:
        return Countries.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, str(path), PackError) from None


@lru_cache(maxsize=4)
def _cached(path: str) -> Countries:
    return load_countries(Path(path))


def countries() -> Countries:
    """The country list of the current rules folder, read once per process."""
    return _cached(str(rules_dir() / "countries" / "iso3166-1.yaml"))
