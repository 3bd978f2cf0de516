"""Country names for the jurisdiction choice. Names only: which services a country gets
is decided by the package from rules/referrals.yaml."""
from __future__ import annotations

from typing import Optional

from elements import api

# English short names of the countries rules/referrals.yaml covers (ISO 3166-1).
NAMES = {
    "AT": "Austria", "AU": "Australia", "BE": "Belgium", "BG": "Bulgaria", "CA": "Canada",
    "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "EE": "Estonia",
    "ES": "Spain", "FI": "Finland", "FR": "France", "GB": "United Kingdom", "GR": "Greece",
    "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IT": "Italy", "LT": "Lithuania",
    "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta", "NL": "Netherlands", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia",
    "US": "United States",
    "AR": "Argentina", "BR": "Brazil", "CH": "Switzerland", "CO": "Colombia", "IN": "India",
    "KE": "Kenya", "MX": "Mexico", "NG": "Nigeria", "NO": "Norway", "NZ": "New Zealand",
    "PH": "Philippines", "TH": "Thailand", "ZA": "South Africa",
}


def name(code: Optional[str]) -> str:
    if not code:
        return "Not given"
    return f"{NAMES[code]} ({code})" if code in NAMES else code


def choices(current: Optional[str] = None) -> list[Optional[str]]:
    """None (not given), then the countries with referrals by name; a loaded scenario's
    other country is kept so loading it does not silently drop its jurisdiction."""
    codes = sorted(api.countries(), key=lambda c: NAMES.get(c, c))
    if current and current not in codes:
        codes.append(current)
    return [None, *codes]
