"""How far a word reaches: the clauses of a narrative, the negations and hedges that take a
phrase back, and the words that make a phrase a threat.

Without a parser, a clause is found from its edges: a boundary word ("but", "because", a full
stop), a join followed by a new subject ("..., and he took her passport"), or the end of a
condition ("if she complained, | the police would deport her"). A negation or hedge reaches
the phrases after it in its own clause only; a condition hedges itself and not what follows.
Every word list comes from the lexicon (rules/phrases.yaml).
"""
from __future__ import annotations

from typing import Optional

from .pipeline import Compiled


class Scope:
    """The clauses of one parsed document, and the cues that reach a phrase in them."""

    def __init__(self, compiled: Compiled, doc):
        lexicon = compiled.lexicon
        self.doc = doc
        self.negation = lexicon.negation
        self.threats = lexicon.threats
        self.boundaries = set(lexicon.clauses.boundaries)
        self.joins = set(lexicon.clauses.joins)
        self.after_comma = set(lexicon.clauses.after_comma)
        self.condition_ends = set(lexicon.clauses.condition_ends)
        self.restart_after = set(lexicon.clauses.restart_after)
        self.restarts = set(lexicon.clauses.restarts)
        self.restart_inflected = lexicon.clauses.restart_inflected
        self.conditions = set(lexicon.negation.conditions)
        self.inverted = set(lexicon.negation.inverted_conditions)
        self.subjects = compiled.word_set("SUBJECT")
        self.determiners = set(lexicon.clauses.determiners)
        self.subject_nouns = frozenset().union(*(compiled.word_set(n) for n in lexicon.clauses.subject_classes))
        self.modals = compiled.word_set("MODAL")
        self.own = lexicon.own
        self.others = frozenset().union(*(compiled.word_set(name) for name in lexicon.own.others))
        self.starts, self.subject_starts = self._clause_starts()
        self.negative_phrases = [tuple(p.split()) for p in lexicon.negation.phrases]
        self.opening_phrases = [tuple(p.split()) for p in lexicon.negation.opening_phrases]
        self.in_quotes = self._quoted()

    def owns(self, start: int, end: int) -> bool:
        """Whether the keeping in doc[start:end] is the subject's own: "(he) ... kept his
        passport", not "the owner kept her passport" (see `own` in the lexicon)."""
        own, doc = self.own, self.doc
        verb = next((i for i in range(start, end - 1) if self._is(doc[i], own.verbs)), None)
        if verb is None:
            return False
        at = verb + 1
        while at < end and doc[at].lower_ in own.between:
            at += 1
        possessive = doc[at].lower_ if at < len(doc) else ""
        if possessive not in own.possessives.values():
            return False
        if at + 1 < len(doc) and self._is(doc[at + 1], self.others):
            return False  # "kept his workers' passports"
        for j in range(verb - 1, doc[verb].sent.start - 1, -1):
            token = doc[j]
            if token.lower_ in own.relatives:
                return False  # "the farmer, who kept his passport"
            if self._is(token, self.others) and not any(
                    doc[k].lower_ in own.prepositions for k in range(max(j - 2, doc[verb].sent.start), j)):
                return False  # "the owner kept her passport" (not "with other workers, kept his")
            if token.lower_ in own.possessives:
                return own.possessives[token.lower_] == possessive
            if own.names and token.is_title and token.lower_ not in own.not_names:
                return possessive in ("her", "his")  # "Maria keeps her passport"
        return False

    def _condition(self, i: int) -> bool:
        """Whether doc[i] opens a condition: "if", "unless", or a sentence that opens "Had
        anyone threatened her, ..."."""
        token = self.doc[i]
        return token.lower_ in self.conditions or (token.is_sent_start and token.lower_ in self.inverted)

    @staticmethod
    def _is(token, words) -> bool:
        return token.lower_ in words or token.lemma_ in words

    # ------------------------------------------------------------ clauses

    def _clause_starts(self) -> tuple[list[int], list[int]]:
        """For every token, the index of the first token of its clause; and of its clause
        when a new verb after "and" does not start one (how far a negative subject reaches:
        "nobody took her passport and threatened her")."""
        doc = self.doc
        starts, subject_starts = [0] * len(doc), [0] * len(doc)
        for sent in doc.sents:
            start = subject_start = sent.start
            condition_at = None
            for i in range(sent.start, sent.end):
                opens = self._opens_clause(i, sent, condition_at) if i > sent.start else None
                if opens:
                    start, condition_at = i, None
                    if opens != "restart":
                        subject_start = i
                starts[i], subject_starts[i] = start, subject_start
                if self._condition(i):
                    condition_at = i
        return starts, subject_starts

    def _opens_clause(self, i: int, sent, condition_at: Optional[int]):
        """True where a clause starts at doc[i]; "restart" where only a new verb after "and"
        does (a negative subject still reaches over it); False otherwise."""
        doc = self.doc
        token, before = doc[i], doc[i - 1].lower_
        if before in self.boundaries:
            return True
        if before in self.after_comma and i - 2 >= sent.start and doc[i - 2].text == ",":
            return True  # "never paid, never went to school, and had no papers"
        new_subject = (token.lower_ in self.subjects or token.is_title or (
            token.lower_ in self.determiners and i + 1 < sent.end and self._is(doc[i + 1], self.subject_nouns)))
        if before in self.joins and new_subject:
            return True  # "..., and she kept", "..., he took"
        if condition_at is None:
            # "he did not pay her | and kept her passport": a new verb after "and" (not inside
            # a condition, where "if she complained and was caught" is all the condition).
            if before in self.restart_after and (
                token.lower_ in self.restarts
                or (self.restart_inflected and token.is_alpha and token.lemma_ != token.lower_)
            ):
                return "restart"
            return False
        # The end of a condition: "if she complained, | the police ...", "if ... then | ...",
        # "if you leave | I will ...", "if she complained the police | would ...".
        if before in self.condition_ends and i - 1 > condition_at:
            return True
        if token.lower_ in self.subjects and i - 1 > condition_at and i + 1 < sent.end:
            return doc[i + 1].lower_ in self.modals
        return self._is(token, self.modals) and i - 2 > condition_at and doc[i - 1].lower_ not in self.subjects

    # ------------------------------------------------------------ negation and hedges

    def negation_cue(self, start: int, end: int, conditions: bool = True) -> Optional[str]:
        """The negation or hedge that takes back the phrase at doc[start:end], if any
        (`conditions`: whether a condition does).

        A phrase that is itself negative ("never let her leave", "not paid") is not taken back
        again by an earlier cue: "so that it would not get lost, and never let her leave".
        """
        doc, neg = self.doc, self.negation
        # A phrase that opens with a negation or a boundary ("until the debt was paid")
        # starts afresh: what came before it does not reach it.
        if not (self._is(doc[start], neg.cues) or doc[start].lower_ in self.boundaries):
            phrase = self._negative_phrase(self.starts[start], start)
            if phrase:
                return phrase
            subject = self.subject_starts[start]
            if subject < start - neg.window and doc[subject].lower_ in neg.subjects and not any(
                    t.lower_ in self.subjects or t.is_title for t in doc[subject + 1:start]):
                # A negative subject reaches all its verbs, however long the list, while no
                # one else is named: "Nobody has recruited him, moved him, housed him or made
                # him work for them".
                return doc[subject].text
            first = max(subject, start - neg.window)
            for j in range(start - 1, first - 1, -1):
                token = doc[j]
                if j < self.starts[start] and token.lower_ not in neg.subjects:
                    continue  # before "and kept ...": only a negative subject reaches
                if token.lower_ in neg.near:
                    between = doc[j + 1:start]
                    if start - j <= neg.near_window and not any(t.lower_ in neg.near_stops for t in between):
                        return token.text
                    if token.lower_ in neg.subjects and j == self.subject_starts[start]:
                        return token.text  # "None of them reported threats or debts": its clause's subject
                elif self._is(token, neg.cues) or token.lower_ in neg.hedges:
                    return token.text
                elif conditions and self._condition(j):
                    return token.text
        # After the phrase, through auxiliaries only: "threats were never made".
        k = end
        sent_end = doc[start].sent.end
        while k < sent_end and self._is(doc[k], neg.auxiliaries):
            k += 1
        if k < sent_end and k > end and self._is(doc[k], neg.cues):
            return doc[k].text
        return None

    def _negative_phrase(self, first: int, start: int) -> Optional[str]:
        """A phrase of the negation's `opening_phrases` at doc[first], the clause's start, or of
        its `phrases` between doc[first] and doc[start], if any."""
        words = [t.lower_ for t in self.doc[first:start]]
        for phrase in self.opening_phrases:
            if tuple(words[:len(phrase)]) == phrase:
                return " ".join(phrase)
        for phrase in self.negative_phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase:
                    return " ".join(phrase)
        return None

    # ------------------------------------------------------------ threats

    def _quoted(self) -> list[bool]:
        """Whether each token is inside quotation marks (someone's own words)."""
        quotes = self.threats.quotes
        inside, out = False, []
        for token in self.doc:
            if token.text in quotes.opening:
                inside = True
            elif token.text in quotes.closing:
                inside = False
            elif token.text in quotes.either:
                inside = not inside
            out.append(inside)
        return out

    def threat_context(self, start: int) -> tuple[bool, Optional[str]]:
        """(is a threat, fear word). Harm promised at doc[start] is a threat when it follows a
        word of speech, sits in quotation marks, is said to someone ("you"), or is the outcome of a condition or an
        alternative in its sentence; when a word of fear comes first ("she was afraid they
        would deport her") it is what someone feared, and the fear word is returned."""
        doc, threats = self.doc, self.threats
        sent = doc[start].sent
        if (
            start + 2 < len(doc) and self._is(doc[start], self.modals)
            and doc[start + 1].lower_ in threats.counterfactual and doc[start + 2].lower_ not in threats.fear_objects
        ):
            return False, None  # "she would have gone to the police": not promised ("would have her deported" is)
        for j in range(start - 1, sent.start - 1, -1):
            token = doc[j]
            if self._is(token, threats.fears) and not (j + 1 < start and doc[j + 1].lower_ in threats.fear_objects):
                return False, token.text
            if self._is(token, threats.speech):
                return True, None
        if self.in_quotes[start]:
            return True, None
        if any(doc[j].lower_ in threats.addressed for j in range(sent.start, sent.end)):
            return True, None  # said to someone: a narrative speaks of "you" only in words spoken
        for j in range(sent.start, sent.end):
            token = doc[j]
            if self._condition(j):
                return True, None
            if j < start and token.lower_ in threats.alternatives and j + 1 < sent.end:
                following = doc[j + 1]
                if following.lower_ in threats.alternatives or following.lower_ in self.subjects or self._is(following, self.modals):
                    return True, None
        return False, None
