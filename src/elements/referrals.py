"""rules/referrals.yaml: hotlines and services, each with its sources, mark and date checked.

Ordering only, no law and no country in Python: the country's emergency numbers first, then
its national lines and services, then those of its region (the EU), then those for everywhere.
What the data says about a service (who runs it, whether police or immigration answer, a
secondary source, sources that disagree) travels with it into every Result. A service or a
contact our sources do not confirm ([R]) is kept in the file for the record and never reaches
a Result, so it can never be shown as a number to call.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .loader import RulesModel, rules_file
from .model import Contact, Referral
from .yamlfile import rules_dir

Kind = Literal["emergency", "hotline", "report", "support", "network"]
KIND_ORDER = {"emergency": 0, "hotline": 1, "report": 2, "support": 3, "network": 4}
# A country's national line: a helpline or a line to report to, on trafficking, with a phone number.
NATIONAL_LINE_KINDS = ("hotline", "report")
NATIONAL_LINE_TOPIC = "trafficking"
# The marks of REFERRALS.md: [V] read on an official or the operator's own page, [S] read only on
# a secondary page, [R] not confirmed.
Mark = Literal["V", "S", "R"]
MARK_RANK = {"V": 0, "S": 1, "R": 2}
MARK_WORDS = {"V": "verified", "S": "secondary", "R": "unconfirmed"}
DIALLED = ("phone", "text", "tty", "whatsapp")
_PHONE = re.compile(r"\+?[0-9(][0-9 ().\-/]*")
_EXTENSION = re.compile(r"(.*?)\s*ext\.?\s*([0-9]+)")
_WEB = re.compile(r"(https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?")
_EMAIL = re.compile(r"[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def dial_form(value: str) -> tuple[str, str]:
    """'08000 121 700' -> ('08000121700', ''); '877-776-2004 ext. 555' -> ('8777762004', '555').

    The digits a person keys, nothing added: no country prefix is invented, so 999 or 116 006
    stay short numbers. A '+' the source wrote is kept, and the '(0)' of '+46 (0)20' dropped,
    as a caller from abroad leaves it out.
    """
    extension = ""
    match = _EXTENSION.fullmatch(value.strip())
    if match:
        value, extension = match.groups()
    value = value.strip()
    if value.startswith("+"):
        value = value.replace("(0)", "")
    if not _PHONE.fullmatch(value):
        raise ValueError(f"{value!r} is not a phone number written with digits, spaces, brackets, dots, dashes or slashes")
    return ("+" if value.startswith("+") else "") + re.sub(r"\D", "", value), extension


def link_for(kind: str, value: str, dial: str = "", extension: str = "") -> str:
    """What a link to this contact opens; empty where none fits (a WhatsApp link would need a
    country code the source may not give)."""
    if kind in ("phone", "tty"):
        return f"tel:{dial}" + (f";ext={extension}" if extension else "")
    if kind == "text":
        return f"sms:{dial}"
    if kind == "email":
        return f"mailto:{value}"
    if kind in ("web", "chat"):
        return value if value.startswith(("http://", "https://")) else f"https://{value}"
    return ""


class SourceRef(RulesModel):
    """Where an entry was read: the page as the notes give it, its title and the date it shows."""

    page: str
    title: str = ""
    dated: str = ""
    mark: Mark

    def words(self) -> str:
        text = self.page + (f', "{self.title}"' if self.title else "") + (f", {self.dated}" if self.dated else "")
        return text + (" (a secondary source)" if self.mark == "S" else " (not confirmed)" if self.mark == "R" else "")


class ContactEntry(RulesModel):
    type: Literal["phone", "text", "tty", "whatsapp", "chat", "web", "email"]
    value: str
    note: str = ""
    # Defaults to the service's mark; a contact may be marked lower than its service, never higher.
    mark: Optional[Mark] = None

    @model_validator(mode="after")
    def _well_formed(self) -> "ContactEntry":
        if self.type in DIALLED:
            dial_form(self.value)
        elif self.type == "email" and not _EMAIL.fullmatch(self.value):
            raise ValueError(f"{self.value!r} is not an e-mail address")
        elif self.type in ("web", "chat") and not _WEB.fullmatch(self.value):
            raise ValueError(f"{self.value!r} is not a web address")
        return self


class LocalNote(RulesModel):
    """A note shown only for some of the countries a service covers."""

    countries: list[str] = Field(min_length=1)
    note: str


class Service(RulesModel):
    id: str
    name: str
    kind: Kind
    countries: list[str] = Field(min_length=1)
    # Services of the region this one stands in for (a national entry that already gives 112).
    replaces: list[str] = Field(default_factory=list)
    contacts: list[ContactEntry] = Field(default_factory=list)  # none: the note says how to reach it
    hours: str = ""
    languages: str = ""
    note: str = ""
    operator: str
    run_by: str = ""
    alert: str = ""  # beside every number; the operator's own alert when empty
    serves: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    sources_disagree: str = ""
    caution: str = ""
    local_notes: list[LocalNote] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    mark: Mark
    checked: date

    @model_validator(mode="after")
    def _marks_agree(self) -> "Service":
        best = min(MARK_RANK[s.mark] for s in self.sources)
        if MARK_RANK[self.mark] < best:
            raise ValueError(f"{self.id}: marked {self.mark} but no source carries that mark")
        for contact in self.contacts:
            if contact.mark and MARK_RANK[contact.mark] < MARK_RANK[self.mark]:
                raise ValueError(f"{self.id}: contact {contact.value} is marked higher than its service")
            if self.contact_mark(contact) == "R":
                if not contact.note:
                    raise ValueError(f"{self.id}: an unconfirmed contact needs a note saying why it is left out")
                if contact.type in DIALLED and dial_form(contact.value)[0] in re.sub(r"\D", "", contact.note):
                    raise ValueError(f"{self.id}: the note of an unconfirmed contact must not repeat its number")
        return self

    def contact_mark(self, contact: ContactEntry) -> Mark:
        return contact.mark or self.mark

    def has_phone(self) -> bool:
        """Whether it gives a phone number our sources confirm."""
        return self.mark != "R" and any(c.type == "phone" and self.contact_mark(c) != "R" for c in self.contacts)


class Operator(RulesModel):
    words: str  # a noun phrase that follows "Run by": "the police", "a non-governmental organisation"
    alert: str = ""  # set for the bodies a caller must know about before calling


class Generic(RulesModel):
    """Elements' own emergency advice, for when no confirmed emergency number can be named."""

    name: str
    contact: str
    note: str


class NoLine(RulesModel):
    detail: str = ""
    sources: list[SourceRef] = Field(default_factory=list)
    checked: date


class NoNationalLine(RulesModel):
    name: str
    text: str
    source: str  # said when no page is named: the notice rests on what was not found
    countries: dict[str, NoLine]


class Words(RulesModel):
    secondary: str
    secondary_contact: str
    sources_disagree: str


class Directory(RulesModel):
    checked: date
    advice: str
    own_advice: str  # the source named for Elements' own advice
    words: Words
    eu_member_states: list[str]
    topics_shown_with: dict[str, str] = Field(default_factory=dict)
    operators: dict[str, Operator]
    serves: dict[str, str]
    without_country: Generic
    not_covered: Generic
    no_emergency_number: Generic
    no_national_line: NoNationalLine
    services: list[Service]

    @field_validator("eu_member_states")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ValueError(f"{code!r} is not an ISO 3166 alpha-2 code")
        return codes

    @model_validator(mode="after")
    def _consistent(self) -> "Directory":
        ids = [s.id for s in self.services]
        if len(set(ids)) != len(ids):
            raise ValueError("services: two services share an id")
        for service in self.services:
            for code in service.countries:
                if code not in ("EU", "*") and not re.fullmatch(r"[A-Z]{2}", code):
                    raise ValueError(f"{service.id}: {code!r} is not an ISO 3166 alpha-2 code, EU or *")
            if service.operator not in self.operators:
                raise ValueError(f"{service.id}: operator {service.operator!r} is not in operators")
            for scope in service.serves:
                if scope not in self.serves:
                    raise ValueError(f"{service.id}: serves {scope!r} is not in serves")
            for other in service.replaces:
                if other not in ids:
                    raise ValueError(f"{service.id}: replaces {other!r}, which is no service")
            for note in service.local_notes:
                for code in note.countries:
                    if not self.covers(service, code):
                        raise ValueError(f"{service.id}: a local note names {code}, which the service does not cover")
        # A safety net for the data: a country with no national line must say so.
        for code in self.countries():
            if code in self.named_countries() and not self.has_national_line(code) and code not in self.no_national_line.countries:
                raise ValueError(f"no_national_line: {code} has no national line in services, so it must be listed here")
        return self

    def covers(self, service: Service, country: str) -> bool:
        if country in service.countries or "*" in service.countries:
            return True
        return "EU" in service.countries and country in self.eu_member_states

    def named_countries(self) -> set[str]:
        return {c for s in self.services for c in s.countries if c not in ("EU", "*")}

    def countries(self) -> list[str]:
        return sorted(self.named_countries() | set(self.eu_member_states))

    def has_national_line(self, country: str) -> bool:
        return any(
            country in s.countries and s.kind in NATIONAL_LINE_KINDS and NATIONAL_LINE_TOPIC in s.topics and s.has_phone()
            for s in self.services
        )


def directory() -> Directory:
    """The referral directory of the current rules folder."""
    return rules_file("referrals.yaml", Directory)


def _contact(service: Service, entry: ContactEntry) -> Contact:
    dial, extension = dial_form(entry.value) if entry.type in DIALLED else ("", "")
    return Contact(
        type=entry.type, value=entry.value, dial=dial, extension=extension,
        href=link_for(entry.type, entry.value, dial, extension), note=entry.note,
        confidence=MARK_WORDS[service.contact_mark(entry)],
    )


def dialled(contact: Contact) -> str:
    """What to key, where it differs from the number as written ('' where it does not)."""
    keys = contact.dial + (f", then extension {contact.extension}" if contact.extension else "")
    return keys if contact.dial and keys != contact.value else ""


def summary(contacts: list[Contact], alert: str = "", secondary: str = "", secondary_contact: str = "") -> str:
    """The contract's one-line `contact`: each way to reach it, the dial form beside a number."""
    parts = []
    for c in contacts:
        part = f"{c.type} {c.value}" + (f" (dial {dialled(c)})" if dialled(c) else "")
        if c.confidence == "secondary" and not secondary:
            part += f" ({secondary_contact})"
        parts.append(part)
    text = "; ".join(parts)
    if text and alert:
        text += f". {alert}"
    if text and secondary:
        text += f" ({secondary})"
    return text


def _referral(book: Directory, service: Service, country: Optional[str]) -> Referral:
    contacts = [_contact(service, c) for c in service.contacts if service.contact_mark(c) != "R"]
    operator = book.operators[service.operator]
    alert = service.alert or operator.alert
    cautions = [book.words.secondary] if service.mark == "S" else []
    if service.sources_disagree:
        cautions.append(f"{book.words.sources_disagree} {service.sources_disagree}")
    if service.caution:
        cautions.append(service.caution)
    cautions += [c.note for c in service.contacts if service.contact_mark(c) == "R"]
    cautions += [n.note for n in service.local_notes if country in n.countries]
    secondary = book.words.secondary if service.mark == "S" else ""
    who = f"{operator.words}: {service.run_by}" if service.run_by else operator.words
    return Referral(
        id=service.id, name=service.name,
        contact=summary(contacts, alert, secondary, book.words.secondary_contact) or service.note or service.name,
        source="; ".join(s.words() for s in service.sources),
        kind=service.kind, contacts=contacts, hours=service.hours, languages=service.languages,
        note=service.note, operator=service.operator, run_by=service.run_by, who_answers=who,
        alert=alert, serves=" ".join(book.serves[s] for s in service.serves), cautions=cautions,
        checked=service.checked.isoformat(), confidence=MARK_WORDS[service.mark],
    )


def _generic(book: Directory, advice: Generic, which: str) -> Referral:
    return Referral(
        id=f"elements.{which}", name=advice.name, contact=advice.contact, note=advice.note,
        source=book.own_advice, kind="emergency", contacts=[], operator="emergency_services",
        who_answers=book.operators["emergency_services"].words,
        checked=book.checked.isoformat(), confidence="verified",
    )


def _no_line(book: Directory, country: str) -> Referral:
    entry = book.no_national_line.countries[country]
    return Referral(
        id="elements.no_national_line", name=book.no_national_line.name,
        contact=book.no_national_line.text, note=entry.detail,
        source="; ".join(s.words() for s in entry.sources) or book.no_national_line.source,
        kind="notice", contacts=[], checked=entry.checked.isoformat(),
        confidence=MARK_WORDS[min((s.mark for s in entry.sources), key=MARK_RANK.get, default="V")],
    )


@lru_cache(maxsize=1024)
def _for_country(country: Optional[str], caveat_ids: frozenset, folder: str) -> tuple[Referral, ...]:
    book = directory()
    hidden = {topic for topic, caveat in book.topics_shown_with.items() if caveat not in caveat_ids}
    services = [s for s in book.services if s.mark != "R" and not hidden & set(s.topics)]
    everywhere = [s for s in services if "*" in s.countries]
    if not country:
        return (_generic(book, book.without_country, "without_country"), *(_referral(book, s, None) for s in everywhere))
    own = [s for s in services if country in s.countries]
    replaced = {other for s in own for other in s.replaces}
    regional = [
        s for s in services
        if s not in own and s not in everywhere and s.id not in replaced and book.covers(s, country)
    ]
    by_kind = lambda s: (KIND_ORDER[s.kind], MARK_RANK[s.mark])  # noqa: E731 - stable: file order next
    # Every emergency number first, the country's own and the region's (112 where it is not
    # given with the national numbers), the confirmed ones on top, then in the file's order.
    emergency = sorted(
        [s for s in services if s.kind == "emergency" and (s in own or s in regional)],
        key=lambda s: MARK_RANK[s.mark],
    )
    rest = sorted((s for s in own if s.kind != "emergency"), key=by_kind)
    rest += sorted((s for s in regional if s.kind != "emergency"), key=by_kind)
    # Where our sources confirm no emergency number, Elements' plain advice to call the local
    # one comes first: no number is invented.
    if not own and not regional:
        first = [_generic(book, book.not_covered, "not_covered")]
    elif not any(s.has_phone() for s in emergency):
        first = [_generic(book, book.no_emergency_number, "no_emergency_number")]
    else:
        first = []
    notice = [_no_line(book, country)] if country in book.no_national_line.countries else []
    return (
        *first,
        *(_referral(book, s, country) for s in emergency),
        *notice,
        *(_referral(book, s, country) for s in rest + everywhere),
    )


def referrals_for(country: Optional[str], caveat_ids: frozenset = frozenset()) -> list[Referral]:
    """The services for a country, emergency numbers first; topic services only with their caveat."""
    return list(_for_country(country, frozenset(caveat_ids), str(rules_dir())))
