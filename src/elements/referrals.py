"""rules/referrals.yaml: hotlines and services, each with its source and the date checked.

Ordering only, no law: the scenario's country first (its emergency number at the top),
then services for its region, then services for everywhere. A contact our sources mark
unconfirmed is carried with a warning and never offered as a number to call.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .loader import rules_file
from .model import Contact, Referral
from .yamlfile import rules_dir

Kind = Literal["emergency", "hotline", "police", "support", "network"]
KIND_ORDER = {"emergency": 0, "hotline": 1, "police": 2, "support": 3, "network": 4}


class ContactEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["phone", "text", "chat", "tty", "web", "email"]
    value: str
    note: str = ""


class Service(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    kind: Kind
    countries: list[str] = Field(min_length=1)
    except_: list[str] = Field(default_factory=list, alias="except")
    contacts: list[ContactEntry] = Field(default_factory=list)  # none: the note says how to reach it
    hours: str = ""
    languages: str = ""
    note: str = ""
    topics: list[str] = Field(default_factory=list)
    source: str
    confidence: Literal["verified", "secondary", "unconfirmed"]
    checked: date


class Directory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    checked: date
    advice: str
    eu_member_states: list[str]
    topics_shown_with: dict[str, str] = Field(default_factory=dict)
    services: list[Service]

    @model_validator(mode="after")
    def _unique(self) -> "Directory":
        ids = [s.id for s in self.services]
        if len(set(ids)) != len(ids):
            raise ValueError("services: two services share an id")
        return self

    def covers(self, service: Service, country: str) -> bool:
        if country in service.except_:
            return False
        if country in service.countries:
            return True
        return "EU" in service.countries and country in self.eu_member_states

    def countries(self) -> list[str]:
        named = {c for s in self.services for c in s.countries if c not in ("EU", "*")}
        return sorted(named | set(self.eu_member_states))


def directory() -> Directory:
    """The referral directory of the current rules folder."""
    return rules_file("referrals.yaml", Directory)


def _referral(service: Service) -> Referral:
    confirmed = service.confidence != "unconfirmed"
    contacts = [Contact(type=c.type, value=c.value, note=c.note, confirmed=confirmed) for c in service.contacts]
    shown = "; ".join(f"{c.type} {c.value}" for c in service.contacts) or service.note
    if not confirmed:
        shown = f"unconfirmed in our sources, check before relying on it: {shown}"
    return Referral(
        name=service.name, contact=shown, kind=service.kind, contacts=contacts,
        hours=service.hours, note=service.note, source=service.source,
        checked=service.checked.isoformat(), confidence=service.confidence,
    )


GENERIC_EMERGENCY = Referral(
    name="Local emergency number",
    contact="If someone is in immediate danger, call the local emergency number.",
    kind="emergency",
    contacts=[],
    note="Choose a country to see its emergency number and hotlines.",
    source="Elements",
    checked="",
    confidence="verified",
)


@lru_cache(maxsize=1024)
def _for_country(country: Optional[str], caveat_ids: frozenset, folder: str) -> tuple[Referral, ...]:
    book = directory()
    hidden = {topic for topic, caveat in book.topics_shown_with.items() if caveat not in caveat_ids}
    services = [s for s in book.services if not hidden & set(s.topics)]
    if not country:
        everywhere = [s for s in services if "*" in s.countries]
        return (GENERIC_EMERGENCY, *(_referral(s) for s in everywhere))
    own = [s for s in services if country in s.countries and country not in s.except_]
    regional = [s for s in services if s not in own and "*" not in s.countries and book.covers(s, country)]
    everywhere = [s for s in services if "*" in s.countries]
    ordered = sorted(own, key=lambda s: KIND_ORDER[s.kind]) + sorted(regional, key=lambda s: KIND_ORDER[s.kind])
    # The emergency number always comes first, whether it is the country's own or the region's;
    # where our sources confirm none, the plain advice to call the local number comes first.
    ordered.sort(key=lambda s: s.kind != "emergency")
    confirmed = any(s.kind == "emergency" and s.confidence != "unconfirmed" for s in ordered)
    first = () if confirmed else (GENERIC_EMERGENCY,)
    return (*first, *(_referral(s) for s in ordered + everywhere))


def referrals_for(country: Optional[str], caveat_ids: frozenset = frozenset()) -> list[Referral]:
    """The services for a country, emergency number first; topic services only with their caveat."""
    return list(_for_country(country, frozenset(caveat_ids), str(rules_dir())))
