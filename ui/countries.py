"""Country names for the jurisdiction choice. Names only: which services a country gets
is decided by the package from rules/referrals.yaml."""
from __future__ import annotations

from typing import Optional

from elements import api


def name(code: Optional[str]) -> str:
    """'GB' -> 'United Kingdom (GB)': the English short name of ISO 3166-1 (rules/countries/)."""
    if not code:
        return "Not given"
    names = api.country_names()
    return f"{names[code]} ({code})" if code in names else code


def choices(current: Optional[str] = None) -> list[Optional[str]]:
    """None (not given), then the countries with referrals by name; a loaded scenario's
    other country is kept so loading it does not silently drop its jurisdiction."""
    names = api.country_names()
    codes = sorted(api.countries(), key=lambda c: names.get(c, c))
    if current and current not in codes:
        codes.append(current)
    return [None, *codes]
