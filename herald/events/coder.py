"""Predicate-argument event coding over a spaCy dependency parse.

For each sentence: find predicates (verbs and event nouns) that match a pattern of the
lexicon; let control words ("called for", "threatened to", "refused to") absorb the event
they govern and re-code it through their family; read the modality of what is left
(negated, hypothetical, future); collect source and target actors from the arguments
(subject, object, passive agent, prepositions, possessives, light-verb subjects); and emit
one Event per actor pair, with the sentence as evidence and the pattern as provenance.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from herald.actors.resolver import coordinated_mentions
from herald.events.casualties import count_casualties
from herald.events.lexicon import Lexicon, Pattern, load_lexicon
from herald.records import Actor, ActorMention, Article, Event, Evidence, Location, Provenance

__all__ = ["CoderSettings", "EventCoder", "ModalityPolicy"]

VERSION = "1"
_SUBJ = ("nsubj", "csubj")
_TARGET_PREPS = ("with", "against", "on", "upon", "to", "toward", "towards", "into", "at", "between", "among")
_NOUN_TARGET_PREPS = ("of", "on", "against", "with", "to", "between", "into", "upon", "for")
_OBJECT_TARGET_PREPS = ("between", "among", "on", "upon", "against", "with", "to", "toward", "towards", "into")
_MOVE_PREPS = ("from", "to", "into", "in", "towards", "toward", "across", "along", "near", "against", "on", "at")
_ARG_MODS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod")
_SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b")  # a match score ("won 3-1")
_PARTICLES = ("out", "off", "down", "back", "away", "up", "over", "aside")
_SPEAKER_PRONOUNS = ("it", "he", "she", "they", "we")
_REFUSABLE = ("03", "04", "05", "06", "07", "08")  # roots whose negated future is a refusal
_ORDINALS = ("first", "second", "third", "last", "next", "only", "latest")
_CAUSE_PREPS = ("after", "before", "ahead", "amid", "following", "despite")  # "on alert after India's strikes"
_HOP_DEPS = ("xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "ccomp", "acl", "dep", "acomp")


@dataclass(frozen=True)
class ModalityPolicy:
    negated: str = "drop"
    hypothetical: str = "drop"
    future: str = "intent"

    def __post_init__(self) -> None:
        for name in ("negated", "hypothetical", "future"):
            if getattr(self, name) not in ("drop", "keep", "intent"):
                raise ValueError(f"modality policy {name}: must be drop, keep or intent")


@dataclass(frozen=True)
class CoderSettings:
    policy: ModalityPolicy = field(default_factory=ModalityPolicy)
    code_statements: bool = True  # code 01x "said" events when nothing else is in the sentence
    max_pairs: int = 8  # cap on source x target events one predicate may yield
    # the learned classifier types sentences no pattern typed, when its top class (of 18,
    # NONE included) has at least this probability; set on cross-validated predictions for
    # the authored corpus (None turns it off)
    classifier_threshold: float | None = 0.16
    # a sentence typed only as a statement (CAMEO 01) takes the model's act instead when the
    # model is at least this sure (None: statements stand)
    statement_override_threshold: float | None = 0.3
    # when no coded act in a sentence names an actor, emit its main act once without actors
    actorless_main_event: bool = True
    # one event type per sentence: the act nearest the root (see EventCoder._main_event)
    main_event_only: bool = True


def _load_modality() -> dict:
    path = resources.files("herald.events") / "data" / "modality.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class _Frame:
    pred: Token
    code: str
    rule: str
    sources: list[ActorMention]
    targets: list[ActorMention]
    modality: str = "asserted"
    symmetric: bool = False
    family: str | None = None


class EventCoder:
    """Codes events in one parsed article. Stateless between articles."""

    def __init__(self, *, lexicon: Lexicon | None = None, settings: CoderSettings | None = None,
                 date_resolver: Callable | None = None, geocoder=None, classifier=None) -> None:
        self.lex = lexicon or load_lexicon()
        self.settings = settings or CoderSettings()
        m = _load_modality()
        self.negators = frozenset(m["negators"])
        self.hyp_aux = frozenset(m["hypothetical_aux"])
        self.cond_marks = frozenset(m["conditional_marks"])
        self.future_aux = frozenset(m["future_aux"])
        self.obligation_aux = {str(k): str(v) for k, v in (m.get("obligation_aux") or {}).items()}
        self.self_pronouns = frozenset(m.get("self_pronouns") or ())
        self.doubt_verbs = frozenset(m.get("doubt_verbs") or ())
        self.perception_verbs = frozenset(m.get("perception_verbs") or ())
        self.failure_verbs = frozenset(m.get("failure_verbs") or ())
        self.remembrance_verbs = frozenset(m.get("remembrance_verbs") or ())
        self.opinion_subjects = frozenset(m.get("opinion_subjects") or ())
        self.cognition_verbs = frozenset(m.get("cognition_verbs") or ())
        self.hypothetical_modifiers = frozenset(m.get("hypothetical_modifiers") or ())
        self.persistence_verbs = frozenset(m.get("persistence_verbs") or ())
        self.distant_units = frozenset(m.get("distant_units") or ())
        self.circumstance_marks = frozenset(m.get("circumstance_marks") or ())
        self.consequence_verbs = frozenset(m.get("consequence_verbs") or ())
        self.occurrence_verbs = frozenset(m.get("occurrence_verbs") or ())
        relief = m.get("relief_deployment") or {}
        self.relief_roots = tuple(str(r) for r in relief.get("roots") or ())
        self.relief_words = frozenset(relief.get("words") or ())
        bg = m.get("background_conflict") or {}
        self.bg_heads = frozenset(bg.get("heads") or ())
        self.bg_modifiers = frozenset(bg.get("figurative_modifiers") or ())
        self.bg_objects = frozenset(bg.get("figurative_objects") or ())
        self.bg_preps = frozenset(bg.get("figurative_preps") or ())
        self.bg_span_units = frozenset(bg.get("span_units") or ())
        self.bg_averting_verbs = frozenset(bg.get("averting_verbs") or ())
        self.bg_averting_nouns = frozenset(bg.get("averting_nouns") or ())
        self.scene_kept_roots = frozenset(str(r) for r in m.get("scene_kept_roots") or ())
        self.claim_nouns = frozenset(m.get("claim_nouns") or ())
        self.attitude_codes = frozenset(str(c) for c in m.get("attitude_codes") or ())
        threat = m.get("threat") or {}
        self.threat_roots = frozenset(str(r) for r in threat.get("roots", ()))
        self.threat_aux = frozenset(threat.get("aux", ()))
        self.threat_marks = frozenset(threat.get("condition_marks", ()))
        self.threat_reporting = frozenset(threat.get("reporting", ()))
        decided = m.get("decided_future") or {}
        self.decided_codes = tuple(str(c) for c in decided.get("codes", ()))
        self.happening_verbs = frozenset(m.get("happening_verbs") or ())
        self.decided_aux = frozenset(decided.get("aux", ()))
        self.clause_target_roots = frozenset(str(r) for r in m.get("clause_subject_target_roots") or ())
        implied = m.get("implied_source") or {}
        self.implied_source_skip = frozenset(str(r) for r in implied.get("skip_roots", ()))
        self.self_target_types = frozenset(m.get("self_target_types") or ())
        unnamed = m.get("unnamed_attackers") or {}
        self.unnamed_attack_roots = frozenset(str(r) for r in unnamed.get("roots") or ())
        self.unnamed_attacker_roles = frozenset(unnamed.get("roles") or ())
        self.unnamed_attacker_nouns = frozenset(unnamed.get("nouns") or ())
        self.weapon_subjects = frozenset(unnamed.get("weapons") or ())
        self.accident_verbs = frozenset(m.get("accident_verbs") or ())
        self.speaker_conj_verbs = frozenset(m.get("speaker_conj_verbs") or ())
        self.recipient_verbs = frozenset(m.get("recipient_verbs") or ())
        self.causative_verbs = frozenset(m.get("causative_verbs") or ())
        self.destination_codes = frozenset(str(c) for c in m.get("destination_codes") or ())
        attribution = m.get("attribution") or {}
        self.attribution_verbs = frozenset(attribution.get("verbs") or ())
        self.speech_roots = frozenset(str(r) for r in attribution.get("speech_roots") or ())
        self.inverted_attribution = frozenset(m.get("inverted_attribution") or ())
        self.phrase_target_types = frozenset(m.get("phrase_target_types") or ())
        self.posture_types = frozenset(m.get("posture_types") or ())
        self.partner_types = frozenset(m.get("partner_types") or ())
        self.object_pronouns = {str(k): str(v) for k, v in (m.get("object_pronouns") or {}).items()}
        venue = m.get("phrase_target_venues") or {}
        self.venue_target_types = frozenset(venue.get("types") or ())
        self.venue_preps = frozenset(venue.get("preps") or ())
        wish = m.get("other_subject_wish") or {}
        self.wish_verbs = frozenset(wish.get("verbs") or ())
        self.wish_family = wish.get("family")
        proposal = m.get("other_subject_proposal") or {}
        self.proposal_verbs = frozenset(proposal.get("verbs") or ())
        self.proposal_family = proposal.get("family")
        self.temporal_words = frozenset(m.get("temporal_words") or ())
        self.purpose_skip_roots = frozenset(str(r) for r in m.get("purpose_skip_roots") or ())
        self.purpose_means_verbs = frozenset(m.get("purpose_means_verbs") or ())
        self.copular_judgement_codes = frozenset(str(c) for c in m.get("copular_judgement_codes") or ())
        self.copular_feelings = frozenset(m.get("copular_feelings") or ())
        self.object_reading_roots = frozenset(str(r) for r in m.get("control_object_readings") or ())
        protection = m.get("protection") or {}
        self.protection_roots = frozenset(str(r) for r in protection.get("roots") or ())
        self.protection_verbs = frozenset(protection.get("purpose_verbs") or ())
        self.protection_nouns = frozenset(protection.get("nouns") or ())
        self.protection_code = str(protection.get("code") or "074")
        self.relief_nouns = frozenset(protection.get("relief_nouns") or ())
        self.relief_code = str(protection.get("relief_code") or "073")
        self.means_verbs = frozenset(m.get("means_verbs") or ())
        self.background_relative_roots = tuple(str(r) for r in m.get("background_relative_roots") or ())
        self.descriptive_participles = frozenset(m.get("descriptive_participles") or ())
        self.person_object_codes = {str(k): {str(a): str(b) for a, b in v.items()}
                                    for k, v in (m.get("person_object_codes") or {}).items()}
        rally = m.get("rally_support") or {}
        self.rally_governed = frozenset(str(c) for c in rally.get("governed") or ())
        self.rally_code = str(rally.get("code") or "053")
        foreign = m.get("foreign_sanction") or {}
        self.foreign_sanction_codes = {str(k): str(v) for k, v in (foreign.get("codes") or {}).items()}
        self.foreign_sanction_skip = frozenset(foreign.get("skip_roles", ()))
        self._non_event = False
        self._subject_rule_lemmas = frozenset(x for r in self.lex.subject_rules for x in r.lemmas)
        self.date_resolver = date_resolver
        self.geocoder = geocoder
        self.classifier = classifier
        if classifier is None and self.settings.classifier_threshold is not None:
            from herald.events.classifier import load_classifier
            self.classifier = load_classifier()
        path = resources.files("herald.events") / "data" / "plover_defaults.yaml"
        self.plover_defaults = {k: str(v) for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}

    # ------------------------------------------------------------------ predicates
    def _verb_keys(self, tok: Token) -> list[str]:
        lemma = tok.lemma_.lower()
        prts = [c.lemma_.lower() for c in tok.children if _is_particle(c)]
        keys = [f"{lemma}_{p}" for p in prts] + [lemma]
        if lemma == "be":  # "be ready to", "be willing to"
            keys = [f"be_{c.lemma_.lower()}" for c in tok.children if c.dep_ == "acomp"] + keys
        return keys

    def _objects(self, tok: Token) -> set[str]:
        """Lemmas that count as the predicate's object for `~obj` constraints."""
        out: set[str] = set()
        heads = self._object_heads(tok)
        # "ferrying food and water tablets": a noun the parser hung on the object as nmod is
        # an object too
        heads += [x for c in heads for x in c.children if x.dep_ == "nmod" and x.pos_ in ("NOUN", "PROPN")]
        # "allowed U.N. inspectors to visit the site": the parser makes the one allowed the
        # subject of the infinitive; it is the object of the verb that governs it
        heads += [x for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                  and _to_infinitive(c)
                  for x in c.children if x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN")]
        # "handed over two men wanted for the bombing": the parser reads the reduced relative
        # as a clause whose subject is the object
        heads += [x for c in tok.children if c.dep_ == "ccomp" and c.tag_ in ("VBD", "VBN")
                  and c.lemma_.lower() in _REDUCED_RELATIVES
                  and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
                  for x in c.children if x.dep_ == "nsubj" and x.pos_ == "NOUN" and x.i > tok.i]
        for c in heads:
            out.add(c.lemma_.lower())
            out.update(_hyphenated(c))
            out.update(cc.lemma_.lower() for cc in c.children if cc.dep_ in ("compound", "amod"))
        for c in tok.children:
            if c.dep_ == "prep":
                pobjs = [p for p in c.children if p.dep_ == "pobj"]
                # "fired missiles into sea lanes": the compound names the place too
                pobjs += [g for p in pobjs for g in p.children if g.dep_ == "compound"]
                if _is_particle(c):
                    pobjs += [p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj"]
                # "pulled out of a round of talks": the round's "of" noun counts too (but not a
                # time's: "stopped work on the first day of a strike")
                pobjs += [q for p in pobjs if p.lemma_.lower() not in _TIME_NOUNS for g in p.children
                          if g.dep_ == "prep" and g.lemma_.lower() == "of" for q in g.children if q.dep_ == "pobj"]
                out.update(p.lemma_.lower() for p in pobjs)
            elif c.dep_ == "advmod" and c.lower_ in _PARTICLES:
                # "placed X back on the list": the parser hangs "on" on the adverb
                out.update(p.lemma_.lower() for g in c.children if g.dep_ == "prep"
                           for p in g.children if p.dep_ == "pobj")
        return out

    @staticmethod
    def _object_heads(tok: Token) -> list[Token]:
        """The predicate's object nouns: direct object (or passive subject, or the noun a
        participle modifies: "figures released in Hanoi"), and the noun of its "of"
        complement ("sent 2,000 tonnes of food", "froze a package of loans")."""
        heads = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass", "acomp")
                 or (c.dep_ == "ccomp" and c.pos_ == "ADJ")]  # "found him guilty": the parser's ccomp
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
            heads.append(tok.head)
        out = list(heads)
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lemma_.lower() == "of":
                    out.extend(p for p in c.children if p.dep_ == "pobj")
        return out

    def _modifiers(self, tok: Token) -> set[str]:
        out = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "advmod")}
        # "joint training drills": the adjective may hang on the compound
        out.update(g.lemma_.lower() for c in tok.children if c.dep_ == "compound"
                   for g in c.children if g.dep_ in ("amod", "compound"))
        for c in tok.children:
            if c.dep_ in ("dobj", "attr"):
                out.update(cc.lemma_.lower() for cc in c.children if cc.dep_ in ("compound", "amod"))
        return out

    @staticmethod
    def _preps(tok: Token) -> set[str]:
        out = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prep", "agent", "dative")}
        # "walked out of the talks": "of" hangs on the particle the parser made a preposition
        out.update(g.lemma_.lower() for c in tok.children if _is_particle(c) for g in c.children if g.dep_ == "prep")
        # "placed X back on the list": the parser hangs "on" on the adverb
        out.update(g.lemma_.lower() for c in tok.children if c.dep_ == "advmod" and c.lower_ in _PARTICLES
                   for g in c.children if g.dep_ == "prep")
        return out

    def _match(self, tok: Token, patterns: Iterable[Pattern]) -> Pattern | None:
        objs = preps = mods = None
        for p in patterns:
            if p.particle and not any(_is_particle(c) and c.lemma_.lower() == p.particle for c in tok.children):
                continue
            if p.preps:
                preps = preps if preps is not None else self._preps(tok)
                if not p.preps & preps:
                    continue
            if p.objects or p.not_objects:
                objs = objs if objs is not None else self._objects(tok)
                if p.objects and not p.objects & objs:
                    continue
                if p.not_objects & objs:
                    continue
            if p.modifiers:
                mods = mods if mods is not None else self._modifiers(tok)
                if not p.modifiers & mods:
                    continue
            return p
        return None

    @staticmethod
    def _lemma(tok: Token, table: Container[str]) -> str:
        """The token's lemma, or when the tagger's lemma is unknown to `table` a lemma read
        off the inflected form ("staged" lemmatised as "stag" -> "stage")."""
        lemma = tok.lemma_.lower()
        if lemma in table or tok.pos_ not in ("VERB", "AUX"):
            return lemma
        text = tok.lower_
        for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""), ("es", ""), ("s", "")):
            if text.endswith(suffix) and len(text) > len(suffix) + 2:
                cand = text[: -len(suffix)] + repl
                if cand in table:
                    return cand
        return lemma

    def _match_verb(self, tok: Token) -> Pattern | None:
        # the lexicon keeps each lemma's patterns most specific first
        return self._match(tok, self.lex.verbs.get(self._lemma(tok, self.lex.verbs), ()))

    def _match_noun(self, tok: Token) -> Pattern | None:
        for joined in _hyphenated(tok):
            if joined in self.lex.nouns:
                return self._match(tok, self.lex.nouns[joined])
        return self._match(tok, self.lex.nouns.get(tok.lemma_.lower(), ()))

    def _match_control(self, tok: Token) -> tuple[Pattern, str] | None:
        if tok.dep_ == "amod" and tok.i < tok.head.i:
            return None  # "a planned offensive", "the proposed talks": a state, not an act
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            return None  # "will go ahead as planned", "as promised"
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            if self._object_reading(tok):
                return None
            if tok.lemma_.lower() in self.lex.complement_controls and not any(
                    c.dep_ in ("xcomp", "ccomp") and _to_infinitive(c)
                    for c in tok.children):
                return None
            if tok.lemma_.lower() in self.lex.subjunctive_controls and not any(
                    (c.dep_ == "xcomp") or (c.dep_ == "ccomp" and c.tag_ == "VB" and not any(
                        a.dep_ in ("aux", "auxpass") and a.lower_ != "be" for a in c.children))
                    or (c.dep_ == "ccomp" and any(a.dep_ == "auxpass" and a.lower_ == "be" for a in c.children))
                    or (c.dep_ == "prep" and c.lemma_.lower() in ("on", "upon"))
                    for c in tok.children):
                return None
            lemma = self._lemma(tok, self.lex.control_verbs)
            for pat, fam in self.lex.control_verbs.get(lemma, ()):
                # the particle of "rule_out" is a particle; that of "be_ready" the
                # adjective complement of "be" ("is ready to", "stood ready to")
                if pat.particle and not any(
                        c.lemma_.lower() == pat.particle and (_is_particle(c) or (c.dep_ == "acomp" and (
                            lemma in ("be", "stand") or tok.lemma_.lower() in ("be", "stand"))))
                        for c in tok.children):
                    continue
                bare = Pattern(code=pat.code, lemma=pat.lemma, preps=pat.preps, objects=pat.objects,
                               modifiers=pat.modifiers, not_objects=pat.not_objects)
                if self._match(tok, [bare]) is not None and (not pat.preps or any(
                        c.lemma_.lower() in pat.preps and not self._temporal_phrase(c) for c in tok.children
                        if c.dep_ in ("prep", "dative"))):
                    return pat, fam
        elif tok.pos_ in ("NOUN", "PROPN"):
            fam = self.lex.control_nouns.get(tok.lemma_.lower())
            if fam and self._governed(tok) and not self._object_reading(tok):
                return Pattern(code=self.lex.family_defaults[fam], lemma=tok.lemma_.lower(),
                               source=tok.lemma_.lower()), fam
        return None

    def _object_reading(self, tok: Token) -> bool:
        """A control word whose object, preposition or modifier gives it a meaning of its own
        ("asked Poland for forgiveness", "offered an apology", "asked about the election",
        "called him on the telephone", "a telephone call"): that meaning (modality.yaml
        control_object_readings), not an appeal or a pledge."""
        if tok.pos_ in ("NOUN", "PROPN"):  # "a telephone call", "a video call"
            pat = self._match_noun(tok)
            return pat is not None and bool(pat.modifiers) and any(pat.code.startswith(r) for r in self.object_reading_roots)
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        pat = self._match_verb(tok)
        return pat is not None and bool(pat.objects or pat.preps) and any(
            pat.code.startswith(r) for r in self.object_reading_roots)

    @staticmethod
    def _governs_finite_clause(tok: Token) -> bool:
        """The verb reports a clause with its own subject and tensed verb ("protested that the
        men were held", or parenthetically: "the men are held, the group protested")."""
        return any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.tag_ != "VB"
                   and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for c in tok.children)

    def _not_ruled_out(self, tok: Token, governed: list[Token], gcode: str | None) -> bool:
        """A hostile act not ruled out ("did not rule out military action", "refused to rule
        out sanctions", "declined to rule out a strike") is held out as a threat."""
        if gcode is None or gcode[:2] not in self.threat_roots:
            return False
        keys = self._verb_keys(tok) if tok.pos_ in ("VERB", "AUX") else []
        if "rule_out" in keys:
            return self._modality(tok) == "negated"
        return any(g.pos_ in ("VERB", "AUX") and "rule_out" in self._verb_keys(g) for g in governed)

    def _proposed_of(self, tok: Token) -> bool:
        """A proposal that someone else act ("proposed that Washington station a division"):
        a bare-verb clause with its own subject, not a self or dummy pronoun."""
        if self.proposal_family is None or tok.pos_ not in ("VERB", "AUX") or \
                self._lemma(tok, self.proposal_verbs) not in self.proposal_verbs:
            return False
        # a bare verb (the tagger sometimes reads it as a noun: "that Washington station troops")
        return any(c.dep_ == "ccomp" and c.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VBG", "MD") and not any(
            a.dep_ in ("aux", "auxpass") for a in c.children) and any(
            s.dep_ == "nsubj" and s.lower_ not in self.self_pronouns and s.lower_ not in ("there", "this", "that")
            for s in c.children) for c in tok.children)

    def _wished_of(self, tok: Token) -> list[Token]:
        """Whom a wish verb wants to act ("wants Pakistan to stop", parsed with Pakistan as the
        infinitive's subject or as the verb's object): empty when the wish is the subject's own
        ("wants to join"), or its subject is a self or dummy pronoun ("wants it to be known")."""
        if tok.pos_ not in ("VERB", "AUX") or self._lemma(tok, self.wish_verbs) not in self.wish_verbs:
            return []
        for c in tok.children:
            if c.dep_ not in ("ccomp", "xcomp") or c.pos_ not in ("VERB", "AUX") or not _to_infinitive(c):
                continue
            who = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            if not who and c.dep_ == "xcomp":
                who = [d for d in tok.children if d.dep_ == "dobj" and d.i < c.i]
            who = [w for w in who if w.lower_ not in self.self_pronouns and w.lower_ not in ("there", "this", "that")]
            if who:
                return who
        return []

    def _obligation(self, tok: Token) -> tuple[str, tuple[Token, Token]] | None:
        """A clause saying what someone else must or should do ("X said Y must withdraw",
        "X insisted that Y should resign") is a demand or an appeal by the speaker (CAMEO
        10/02), not a hypothetical act of Y: the family of the obligation word, and the clause."""
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
            return None
        for c in tok.children:
            if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
                continue
            aux = next((a for a in c.children if a.dep_ == "aux" and a.lower_ in self.obligation_aux), None)
            subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
            if aux is None or not subj:
                continue
            # "we must", "it must", "his government must": the speaker's own necessity
            if subj[0].lower_ in self.self_pronouns or any(
                    d.dep_ == "poss" and d.lower_ in self.self_pronouns for d in subj[0].children):
                continue
            return self.obligation_aux[aux.lower_], (c, aux)
        return None

    def _temporal_phrase(self, prep: Token) -> bool:
        """A preposition whose object is a time ("for Monday", "on Friday"): no control object."""
        pobjs = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
        return bool(pobjs) and all(
            (p.lemma_.lower() in self.temporal_words or p.ent_type_ in ("DATE", "TIME"))
            and not any(c.dep_ == "prep" and c.lemma_.lower() == "of" for c in p.children)
            for p in pobjs)

    def _governed(self, tok: Token) -> list[Token]:
        """Predicates a control word governs: its infinitive/gerund complement, its object
        (or the event noun that is its passive subject), or its "for"/"to"/"of" object ("called
        for talks", "readiness to continue", "need for a truce", "a truce was proposed")."""
        out: list[Token] = []
        for c in tok.children:
            if c.dep_ in ("xcomp", "ccomp", "acl") and c.pos_ in ("VERB", "AUX"):
                out.append(c)
            elif c.dep_ == "prep" and c.lemma_.lower() in ("for", "to", "of", "on") and not self._temporal_phrase(c):
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        out.append(p)
            elif c.dep_ == "dobj" and tok.pos_ in ("VERB", "AUX"):
                out.append(c)
            elif c.dep_ == "nsubjpass" and tok.pos_ in ("VERB", "AUX") and c.pos_ in ("NOUN", "PROPN") \
                    and self._code_of(c):
                out.append(c)  # "sanctions were agreed by the ministers", "a truce was proposed"
        # coordinated complements: "called for a ceasefire and the release of hostages"
        extra = [cj for g in out for cj in g.conjuncts if cj not in out]
        return out + extra

    def _code_of(self, tok: Token, depth: int = 0) -> tuple[str, Token] | None:
        """The CAMEO code a governed word denotes (verb or noun pattern), looking through
        light verbs and one level of nested control ("continue work aimed at ending")."""
        if tok.pos_ in ("VERB", "AUX"):
            for key in self._verb_keys(tok):
                if key in self.lex.light_verbs:
                    for c in tok.children:
                        if c.dep_ == "dobj":
                            hit = self._code_of(c, depth + 1)
                            if hit:
                                return hit
            pat = self._match_verb(tok)
            if pat:
                return pat.code, tok
        if tok.pos_ in ("NOUN", "PROPN"):
            pat = self._match_noun(tok)
            if pat:
                return pat.code, tok
        if depth < 2:
            for c in tok.children:
                if c.dep_ in ("xcomp", "acl", "dobj", "pcomp", "pobj", "prep"):
                    hit = self._code_of(c, depth + 1)
                    if hit:
                        return hit
        return None

    # ------------------------------------------------------------------ modality
    def _modality(self, tok: Token) -> str:
        chain = [tok]
        # a noun predicate takes the modality of the verb it hangs on ("did not hold talks")
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            head = tok.head if tok.dep_ != "pobj" else tok.head.head
            if head.pos_ in ("VERB", "AUX"):
                chain.append(head)
        # "talks will start in February", "the meetings could have taken place", "the trip never
        # took place": an event noun whose happening a verb tells takes that verb's modality
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" and tok.head.pos_ in ("VERB", "AUX") \
                and self._lemma(tok.head, self.happening_verbs) in self.happening_verbs:
            chain.append(tok.head)
        if any(c.dep_ == "det" and c.lower_ in ("no",) for c in tok.children):
            return "negated"
        # "neither side had asked", "no country has recognised": a negated subject
        if tok.pos_ in ("VERB", "AUX") and any(
                s.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ in ("no", "neither")
                                                         for d in s.children) for s in tok.children):
            return "negated"
        # "a possible Iraqi attack", "any new war", "a future ceasefire": an act not (yet) done
        if tok.pos_ in ("NOUN", "PROPN") and any(
                (c.dep_ == "amod" and c.lower_ in self.hypothetical_modifiers)
                for c in tok.children):
            return "hypothetical"
        # "ended without an agreement": the act did not happen
        if tok.dep_ == "pobj" and tok.head.lower_ == "without" and tok.pos_ in ("NOUN", "PROPN"):
            return "negated"
        for t in chain:
            # "failed to agree", "failed to reach a deal" (the noun's verb): the act did not happen
            if t.dep_ == "xcomp" and self._lemma(t.head, self.failure_verbs) in self.failure_verbs:
                return "negated"
            kids = list(t.children)
            if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in kids):
                return "negated"
            auxes = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
            if any(a in self.hyp_aux for a in auxes):
                return "hypothetical"
            if any(c.dep_ == "mark" and c.lower_ in self.cond_marks for c in kids):
                return "hypothetical"
            if any(a in self.future_aux for a in auxes):
                return "future"
            if _to_infinitive(t) and t.head.lemma_ == "go" \
                    and t.dep_ == "xcomp":
                return "future"
        return "asserted"

    # ------------------------------------------------------------------ arguments
    def _actors_at(self, tok: Token, by_tok: dict[int, ActorMention], *, allow_place: bool,
                   depth: int = 0) -> list[ActorMention]:
        """Actors an argument token refers to: its own mention, its conjuncts', or failing
        that a mention among its modifiers or its "of" complement ("units of the army")."""
        found: list[ActorMention] = []
        if tok.i not in by_tok and depth == 0 and tok.tag_ == "PRP" and tok.dep_ in ("dobj", "pobj", "dative"):
            return self._antecedent(tok, by_tok)
        for t in (tok, *tok.conjuncts):
            m = by_tok.get(t.i)
            if m is not None and (allow_place or "place" not in m.rule):
                # "Hungarian and Romanian officials": both states act
                found.extend(coordinated_mentions(t.doc, m, by_tok))
                continue
            if depth >= 2:
                continue
            sub: list[ActorMention] = []
            for c in t.children:
                if c.dep_ in _ARG_MODS:
                    sub.extend(self._actors_at(c, by_tok, allow_place=allow_place, depth=depth + 1))
            if not sub:
                for c in t.children:
                    if c.dep_ == "prep" and c.lemma_.lower() in ("of", "from"):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                sub.extend(self._actors_at(p, by_tok, allow_place=allow_place, depth=depth + 1))
            found.extend(sub)
        # in the order written: "Spanish and Moroccan intelligence" is Spain first
        return sorted(_unique(found), key=lambda m: m.start)

    def _antecedent(self, pron: Token, by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """The actors an object pronoun stands for, read off the clause it sits in: in a
        participle or joined clause, the main verb's object ("invaded Kuwait, accusing it of
        ...", "seized the plants and nationalised them"); in reported speech, the speaker
        ("Georgia said Russian jets had bombed it"). Only an antecedent agreeing with the
        pronoun counts ("it": one state or body, "them": several or a group, "him"/"her": a
        person); anything else (a drone, a proposal) leaves the pronoun unresolved."""
        word = pron.lower_
        if word not in self.object_pronouns:
            return []
        v = pron.head if pron.dep_ != "pobj" else pron.head.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and v.dep_ in ("dobj", "pobj", "prep", "attr"):
            v = v.head
        if v.pos_ not in ("VERB", "AUX") or v.head.i == v.i:
            return []
        own = {_akey(a) for a in self._subject(v, by_tok)[0]}
        heads: list[Token] = []
        if v.dep_ in ("advcl", "conj") and v.head.pos_ in ("VERB", "AUX"):
            heads = [d for d in v.head.children if d.dep_ == "dobj" and d.i < pron.i]
        elif v.dep_ == "ccomp" and v.head.pos_ in ("VERB", "AUX"):
            heads = [d for d in v.head.children if d.dep_ in _SUBJ]
        cands = [a for d in heads for a in self._actors_at(d, by_tok, allow_place=True, depth=1)
                 if _akey(a) not in own]
        kind = self.object_pronouns[word]
        if kind == "person":
            return [a for a in cands if a.actor.kind == "person"][:1]
        cands = [a for a in cands if a.actor.kind != "person"]
        # a plural head ("refineries", "the rebels") or coordinated heads ("Danone and Carlsberg")
        several = any(d.tag_ in ("NNS", "NNPS") or d.conjuncts for d in heads)
        if kind == "singular":
            return cands if len(cands) == 1 and not several else []
        return cands if several or any(a.actor.kind == "group" for a in cands) else []

    def _subject(self, tok: Token, by_tok: dict[int, ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
        """(sources, passive targets) for a verb, climbing to the governing verb when the
        predicate has no subject of its own (xcomp, conj, advcl, participles)."""
        t = tok
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            passive = [c for c in t.children if c.dep_ == "nsubjpass"]
            agent = [p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if not agent and passive:
                # "was shot and wounded by a gunman": the agent of a coordinated passive verb
                agent = [p for v in t.conjuncts if v.tag_ == "VBN" and not any(c.dep_ == "nsubjpass" for c in v.children)
                         for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if subj or passive or agent:
                srcs = [a for s in subj + agent for a in self._actors_at(s, by_tok, allow_place=False)]
                tgts = [a for s in passive for a in self._actors_at(s, by_tok, allow_place=True)]
                if subj and subj[0].tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                    srcs = self._actors_at(t.head, by_tok, allow_place=False)
                # "Greece said it was ready to talk": a pronoun subject of reported speech
                # is the speaker
                if not srcs and subj and subj[0].tag_ == "PRP" and subj[0].lower_ in _SPEAKER_PRONOUNS \
                        and t.dep_ == "ccomp" and t.head.pos_ in ("VERB", "AUX"):
                    srcs = self._subject(t.head, by_tok)[0]
                if not srcs and not passive and all(s.tag_ == "PRP" for s in subj) and (not subj or any(
                        c.i < subj[0].i and c.dep_ in ("advmod", "prep", "npadvmod") for c in t.children)):
                    # no subject, or a pronoun after a fronted adverbial ("About it reported ...")
                    srcs = self._inverted_speaker(t, by_tok)
                return srcs, tgts
            if t.dep_ == "relcl":
                return self._actors_at(t.head, by_tok, allow_place=False), []
            if t.dep_ == "acl" and t.tag_ in ("VBD", "VBZ", "VBP") and t.head.dep_ == "ROOT" \
                    and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
                # "The Australian foreign minister called on China to ...", parsed as a noun
                # root with the finite verb hanging on it: the noun is the verb's subject
                return self._actors_at(t.head, by_tok, allow_place=False), []
            if t.dep_ in ("acl",) and t.tag_ == "VBN":  # "strikes carried out by X": agent handled above
                return [], self._actors_at(t.head, by_tok, allow_place=True)
            if t.dep_ not in _HOP_DEPS or t.head.i == t.i:
                break
            # "X said Y was to blame and accused Z of...": a speech act joined to reported
            # content belongs to the speaker, not to the content's subject
            if t.dep_ == "conj" and t.lemma_.lower() in self.speaker_conj_verbs and t.head.dep_ == "ccomp" \
                    and t.head.head.pos_ in ("VERB", "AUX") and t.i > t.head.i:
                t = t.head.head
                continue
            # object control: "urged X to talk" -> X is the subject of "talk"
            if t.dep_ == "xcomp":
                obj = [c for c in t.head.children if c.dep_ in ("dobj",)]
                if obj and t.head.lemma_.lower() in self.causative_verbs:
                    # "the US ordered China to close its consulate": the US's act, on China
                    boss = self._subject(t.head, by_tok)[0]
                    if boss:
                        return boss, self._actors_at(obj[0], by_tok, allow_place=True)
                if obj:
                    return self._actors_at(obj[0], by_tok, allow_place=False), []
            t = t.head
        return [], []

    def _clause_subject(self, tok: Token, by_tok: dict[int, ActorMention],
                        srcs: list[ActorMention], *, other_country: bool = False) -> list[ActorMention]:
        """The one a charge, demand or warning is about when it is told as a clause: "X charged
        that Y had shelled the town", "X warned that Y would pay" -> Y (the clause's subject).
        With `other_country`, a subject of the speaker's own country is the speaker's side
        ("the minister warned that Washington would cut off aid"), not the one addressed."""
        keys = {_akey(a) for a in srcs}
        if other_country:
            keys |= {(a.actor.country, None) for a in srcs if a.actor.country}
            home = {a.actor.country for a in srcs if a.actor.country}
            doc = tok.doc
            # "warned that his forces would respond": a body the speaker calls its own
            by_tok = {i: m for i, m in by_tok.items() if m.actor.country not in home and not (
                m.actor.country is None and any(c.tag_ == "PRP$" for c in doc[i].children))}
        for c in tok.children:
            if c.dep_ != "ccomp":
                continue
            found = [a for s in c.children if s.dep_ in _SUBJ + ("nsubjpass",)
                     for a in self._actors_at(s, by_tok, allow_place=False) if _akey(a) not in keys]
            if found:
                return _unique(found)
        return []

    def _targets(self, tok: Token, by_tok: dict[int, ActorMention], *, noun: bool) -> list[ActorMention]:
        deps_obj = ("dobj", "dative", "attr", "obj") if not noun else ()
        found: list[ActorMention] = []
        for c in tok.children:
            if c.dep_ in deps_obj:
                found.extend(self._actors_at(c, by_tok, allow_place=True))
        if found:
            return _unique(found)
        preps = _NOUN_TARGET_PREPS if noun else _TARGET_PREPS
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lemma_.lower() in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        found.extend(self._actors_at(p, by_tok, allow_place=True))
        if not found and not noun:
            # "hosted talks between A and B": the parties of the object are the targets
            # "imposed sanctions on X", "launched strikes against X": the object's target
            found = [a for d in tok.children if d.dep_ == "dobj" for o in (d, *d.conjuncts) for c in o.children
                     if c.dep_ == "prep" and c.lemma_.lower() in _OBJECT_TARGET_PREPS
                     for p in c.children if p.dep_ == "pobj"
                     for a in self._actors_at(p, by_tok, allow_place=c.lemma_.lower() not in ("between", "among"))]
        return _unique(found)

    def _past_own_forces(self, tok: Token, srcs: list[ActorMention], tgts: list[ActorMention],
                         by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """"Pakistan put its troops on alert", "Israel recalled its ambassador from Vienna",
        "withdrew its troops from Cambodia": the doer's own forces or envoys are what it
        moves, not whom it acts on; another country named in the predicate's phrases is."""
        home = {a.actor.country for a in srcs if a.actor.country}
        if not home or not tgts or any(t.actor.country not in home for t in tgts):
            return tgts
        obj = [c for c in tok.children if c.dep_ == "dobj"]
        if not obj or not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in obj[0].children):
            return tgts
        other = [a for c in (*tok.children, *obj[0].children)
                 if c.dep_ == "prep" and c.lemma_.lower() in _MOVE_PREPS
                 for p in c.children if p.dep_ == "pobj"
                 for a in self._actors_at(p, by_tok, allow_place=True)
                 if a.actor.country and a.actor.country not in home]
        return _unique(other) or tgts

    def _posture_args(self, tok: Token, srcs: list[ActorMention], tgts: list[ActorMention],
                      by_tok: dict[int, ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
        """"Pakistan put its troops on alert after India's strikes", "Greece placed its navy on
        alert and shadowed the Turkish ship": forces a country readies are its own, not whom
        the show of force is aimed at. When every target is of the doer's country (or, with no
        doer named, the forces are the doer), the target is the other country named in a clause
        joined to the act (its cause or its sequel). With none, the readying stays a domestic
        act (the doer's own country is its target)."""
        home = {a.actor.country for a in (srcs or tgts) if a.actor.country}
        if not home or any(t.actor.country not in home for t in tgts):
            return srcs, tgts
        for c in tok.children:
            if c.dep_ not in ("advcl", "conj", "prep"):
                continue
            if c.dep_ == "prep" and c.lemma_.lower() not in _CAUSE_PREPS:
                continue  # a phrase of the act itself ("to Kuwait", "along the border")
            for t in c.subtree:
                m = by_tok.get(t.i)
                if m is not None and m.actor.country and m.actor.country not in home:
                    return srcs or tgts, [m]
        return srcs, tgts

    def _subtree_target(self, tok: Token, srcs: list[ActorMention],
                        by_tok: dict[int, ActorMention], *, skip_venues: bool = False) -> list[ActorMention]:
        """The first foreign actor or place in the predicate's own phrases after it ("sent
        funding to Mozambique", "moved troops towards the border with Pakistan"). With
        `skip_venues`, a place (or a seat of government) a locative preposition names is where
        the act happens, not whom it is done to ("signed a deal in Nairobi", "drills near the
        South China Sea", "at the White House"; but "protested outside the French embassy")."""
        home = {a.actor.country for a in srcs if a.actor.country}
        skip = {t.i for c in tok.children if c.dep_ in _SUBJ + ("nsubjpass", "ccomp", "advcl", "conj")
                for t in c.subtree}
        for t in tok.subtree:
            if t.i <= tok.i or t.i in skip:
                continue
            m = by_tok.get(t.i)
            if m is None or not m.actor.country or m.actor.country in home:
                continue
            if skip_venues and ("place" in m.rule or "seat" in m.rule) and self._in_venue(t, tok):
                continue
            return [m]
        return []

    def _in_venue(self, t: Token, top: Token) -> bool:
        """Whether a locative preposition ("in", "at", "near") stands between `t` and `top`."""
        for _ in range(12):
            if t.i == top.i or t.head.i == t.i:
                return False
            if t.dep_ == "prep" and t.lemma_.lower() in self.venue_preps:
                return True
            t = t.head
        return False

    def _from_actors(self, tok: Token, by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """Actors in the token's own "from" phrase ("aid from Japan")."""
        return [a for c in tok.children if c.dep_ == "prep" and c.lemma_.lower() == "from"
                for p in c.children if p.dep_ == "pobj" for a in self._actors_at(p, by_tok, allow_place=True)]

    def _givers(self, tok: Token, code: str, by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """Who gives what a recipient verb receives: the "from" phrase of the verb or one in its
        object's or prepositions' phrases ("received aid from Japan", "received 50 million
        dollars in aid from Japan"), or the "of" phrase of what is given ("received
        the backing of France"; not for the people a host receives: "a delegation of")."""
        found = self._from_actors(tok, by_tok)
        if found:
            return found
        things = [d for d in tok.children if d.dep_ == "dobj"]
        things += [p for c in tok.children if c.dep_ == "prep" and c.lemma_.lower() != "from"
                   for p in c.children if p.dep_ == "pobj"]
        found = [a for d in things for t in d.subtree if t.dep_ not in ("relcl", "acl")
                 for a in self._from_actors(t, by_tok)]
        if found or code[:2] == "04":
            return found
        return [a for d in things if d.dep_ == "dobj" for c in d.children
                if c.dep_ == "prep" and c.lemma_.lower() == "of"
                for p in c.children if p.dep_ == "pobj" for a in self._actors_at(p, by_tok, allow_place=False)]

    @staticmethod
    def _venue(tok: Token, by_tok: dict[int, ActorMention]) -> ActorMention | None:
        """The first place with a country in the predicate's own phrases."""
        for t in tok.subtree:
            m = by_tok.get(t.i)
            if m is not None and "place" in m.rule and m.actor.country and t.i != tok.i:
                return m
        return None

    def _noun_args(self, tok: Token, by_tok: dict[int, ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
        """Sources and targets of an event noun ("Israeli strikes on Gaza", "talks between A and B")."""
        sources: list[ActorMention] = []
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                sources.extend(self._actors_at(c, by_tok, allow_place=False))
            elif c.dep_ in ("prep", "agent") and c.lemma_.lower() in ("by", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        sources.extend(self._actors_at(p, by_tok, allow_place=False))
        between = [p for c in tok.children if c.dep_ == "prep" and c.lemma_.lower() in ("between", "among")
                   for p in c.children if p.dep_ == "pobj"]
        if between:
            parties = [a for p in between for a in self._actors_at(p, by_tok, allow_place=False)]
            if not sources:
                # "Norway brokered talks between A and B", "mediators acted as hosts of talks
                # between A and B": the one who acts on the talks is their source, the parties
                # are its targets
                outside = [a for a in self._governing_subject(tok, by_tok)
                           if _akey(a) not in {_akey(p) for p in parties}]
                if outside and parties:
                    return _unique(outside), _unique(parties)
            return _unique(sources + parties[:1]), _unique(parties[1:])
        targets = [t for t in self._targets(tok, by_tok, noun=True) if t not in sources]
        # a light verb carries the event: "X held talks with Y", "X launched strikes on Y"
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass", "attr") or (tok.dep_ == "pobj" and head.head.pos_ == "VERB"):
            verb = head if tok.dep_ != "pobj" else head.head
            if any(k in self.lex.light_verbs for k in self._verb_keys(verb)) or tok.dep_ == "dobj":
                if not sources:
                    s, pt = self._subject(verb, by_tok)
                    sources = s
                if not targets:
                    targets = self._targets(verb, by_tok, noun=False)
                    targets = [t for t in targets if t not in sources]
        return _unique(sources), _unique(targets)

    @staticmethod
    def _person_object(tok: Token) -> bool:
        """Whether the verb's object (its subject, when passive) is a named person."""
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        deps = ("nsubjpass",) if passive else ("dobj",)
        return any(c.dep_ in deps and c.ent_type_ == "PERSON" for c in tok.children)

    def _rallied_for(self, governed: list[Token], srcs: list[ActorMention], asked: list[ActorMention],
                     by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """The third party an appeal asks others to back or recognise ("urged the EU to
        support the PLO"): CAMEO rallies support on its behalf (053). Backing asked for the
        appealer's own side ("Kyiv urged allies to back Ukraine") stays an appeal (022)."""
        own = {a.actor.country or a.actor.code for a in srcs} | {a.actor.country or a.actor.code for a in asked}
        for g in governed:
            hit = self._code_of(g)
            if not hit:
                continue
            node = hit[1]
            if node.pos_ in ("NOUN", "PROPN"):
                cand = self._noun_args(node, by_tok)[1]
            else:  # the one backed is the object itself, not a policy's target ("back an embargo on X")
                cand = [a for c in node.children if c.dep_ == "dobj"
                        for a in self._actors_at(c, by_tok, allow_place=True)]
            return [a for a in cand if (a.actor.country or a.actor.code) not in own]
        return []

    def _governing_subject(self, tok: Token, by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """Subject actors of the verb a noun is the object of, through up to two prepositions
        ("brokered talks", "acted as intermediaries in talks")."""
        t = tok
        for _ in range(5):
            if t.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass") or t.head.i == t.i:
                return []
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return self._subject(t, by_tok)[0]
        return []

    # ------------------------------------------------------------------ sentences
    def code_sentence(self, sent: Span, by_tok: dict[int, ActorMention]) -> list[_Frame]:
        # set when the main verb is known to be no political event (a storm "struck", a team
        # "beat" another): the learned classifier must not type the sentence either
        self._non_event = False
        frames: list[_Frame] = []
        absorbed: set[int] = set()
        consumed: set[int] = set()  # object nouns of matched verb patterns
        # 1. control words first: they absorb the event they govern
        for tok in sent:
            if tok.i in absorbed:
                continue
            ctl = self._match_control(tok)
            obliged = None
            if ctl is None:
                obliged = self._obligation(tok)
                if obliged is None:
                    continue
                family, clause = obliged
                pat = Pattern(code=self.lex.family_defaults[family], lemma=tok.lemma_.lower(),
                              source=f"{tok.lemma_.lower()} that .. {clause[1].lower_}")
                governed = [clause[0]]
            else:
                pat, family = ctl
                governed = self._governed(tok)
            wished = self._wished_of(tok) if family == "intent" and self.wish_family else []
            if wished:
                family = self.wish_family  # "X wants Y to stop": a demand made of Y
            elif family == "intent" and self._proposed_of(tok):
                family = self.proposal_family  # "X proposed that Y station troops": an appeal to Y
            gcode = None
            # "Y must not attack": a demand, but not one for an attack
            for g in ([] if obliged and any(c.dep_ == "neg" for c in governed[0].children) else governed):
                hit = self._code_of(g)
                if hit:
                    gcode = hit[0]
                    if gcode[:2] in self.protection_roots and hit[1].pos_ in ("VERB", "AUX") \
                            and self._peacekeeping(hit[1]):
                        gcode = self.protection_code  # "offered to send troops to the peacekeeping force"
                    break
            for g in governed:
                absorbed.update(t.i for t in g.subtree)
            if family == "reject" and self._not_ruled_out(tok, governed, gcode):
                family = "threaten"  # "refused to rule out sanctions": a threat of them
            code = self.lex.family_code(family, gcode)
            if tok.pos_ in ("NOUN", "PROPN"):
                srcs, tgts = self._noun_args(tok, by_tok)
                if tok.head.pos_ in ("VERB", "AUX") and (not srcs or tok.dep_ == "dobj"):
                    # "Israel accepted an Egyptian proposal": the verb's subject is the one
                    # who acts on the noun, not the nationality modifying it
                    subj = self._subject(tok.head, by_tok)[0]
                    if subj:
                        keys = {_akey(a) for a in subj}
                        tgts = tgts or [a for a in srcs if _akey(a) not in keys]
                        srcs = subj
            elif obliged is not None:
                # "X said Y must withdraw": Y is the one the demand is made of
                srcs, _ = self._subject(tok, by_tok)
                tgts = [a for c in governed[0].children if c.dep_ in _SUBJ
                        for a in self._actors_at(c, by_tok, allow_place=True) if a not in srcs]
            else:
                srcs, tgts = self._subject(tok, by_tok)
                objs = [a for c in tok.children if c.dep_ in ("dobj",) and c not in governed
                        for a in self._actors_at(c, by_tok, allow_place=False)]
                objs = objs or [a for w in wished for a in self._actors_at(w, by_tok, allow_place=True)
                                if a not in srcs]
                tgts = tgts or objs or [a for a in self._targets(tok, by_tok, noun=False) if a not in srcs]
            # "demanded that Canada free X", "warned that Pakistan would face consequences": the
            # one a demand or warning told as a clause is made of is that clause's subject
            if not tgts and srcs and code[:2] in self.clause_target_roots:
                tgts = self._clause_subject(tok, by_tok, srcs, other_country=True)
            # the target may sit in the governed act: "threatened to impose sanctions on X"
            if not tgts:
                for g in governed:
                    hit = self._code_of(g)
                    node = hit[1] if hit else g
                    noun = node.pos_ in ("NOUN", "PROPN")
                    cand = self._noun_args(node, by_tok)[1] if noun else self._targets(node, by_tok, noun=False)
                    tgts = [a for a in cand if a not in srcs]
                    if tgts:
                        break
            if not tgts and srcs and code[:2] in self.clause_target_roots:
                tgts = self._clause_subject(tok, by_tok, srcs)
            if family == "appeal" and gcode in self.rally_governed:
                asked = [a for c in tok.children if c.dep_ == "dobj" and c not in governed
                         for a in self._actors_at(c, by_tok, allow_place=False)]
                backed = self._rallied_for(governed, srcs, asked, by_tok)
                if backed:
                    code, tgts = self.rally_code, backed
            plover = self.lex.info(code).plover
            if not tgts and srcs and plover in self.phrase_target_types:
                # "pledged 50,000 dollars in relief for Indonesia", "rejected the African Union's map"
                tgts = self._subtree_target(tok, srcs, by_tok, skip_venues=plover in self.venue_target_types)
            # a control noun may be the object of a reporting or light verb ("declared the need
            # for", "confirmed its readiness to"): that verb only carries it
            head = tok.head
            if tok.pos_ in ("NOUN", "PROPN") and head.i != tok.i and head.pos_ in ("VERB", "AUX"):
                hp = self._match_verb(head)
                if hp is None or hp.code[:2] == "01" or any(k in self.lex.light_verbs for k in self._verb_keys(head)):
                    absorbed.add(head.i)
            if gcode is None and not tgts and pat.lemma in self.lex.family_bare.get(family, {}):
                code = self.lex.family_bare[family][pat.lemma]  # "warned that the outlook ..."
            if tok.pos_ in ("VERB", "AUX", "ADJ"):
                # "a dispute threatened to topple the government": who acts changes the act
                # for control words too (predicates.yaml subject_rules)
                srule = self._subject_rule(tok, code, heads_only=True)
                if srule is not None and srule.code == "none":
                    self._non_event |= tok.dep_ == "ROOT"
                    absorbed.add(tok.i)
                    continue
                if srule is not None:
                    code, pat = srule.code, Pattern(code=srule.code, lemma=pat.lemma,
                                                    source=f"{pat.source}|subject:{srule.name}")
            modality = self._modality(tok)
            if family == "threaten" and modality == "negated" and "rule_out" in self._verb_keys(tok):
                modality = "asserted"  # "did not rule out military action"
            frames.append(_Frame(tok, code, f"control:{family}:{pat.source}" + (f"<{gcode}" if gcode else ""),
                                 srcs, tgts, modality, family=family))
            absorbed.add(tok.i)
        # 2. plain verb and noun predicates
        for tok in sent:
            if tok.i in absorbed:
                continue
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux":
                # a participle used as an adjective names a state, not this sentence's event
                # ("the besieged town", "detained monks", "the occupied territories")
                if tok.dep_ == "amod" and tok.i < tok.head.i:
                    continue
                # a reduced relative on a noun inside the clause ("the curfew imposed last
                # year was lifted", "suspects detained in X were handed over") describes that
                # noun: background, not the sentence's news
                if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") \
                        and tok.head.dep_ in ("nsubj", "nsubjpass", "csubj"):
                    continue
                # "soldiers, backed by helicopters, swept ...", "youths armed with clubs": a
                # participle of backing or arming describes who acts, not a political act
                if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") \
                        and tok.lemma_.lower() in self.descriptive_participles:
                    continue
                keys = self._verb_keys(tok)
                if any(k in self.lex.phrasal_idioms for k in keys):
                    continue
                if any(k in self.lex.light_verbs for k in keys) and any(
                        c.dep_ == "dobj" and self._match_noun(c) for c in tok.children):
                    continue  # the object noun carries the event
                pat = None
                for key in keys:
                    base = key.split("_")[0] if "_" in key else key
                    if base == tok.lemma_.lower():
                        base = self._lemma(tok, self.lex.verbs)
                    cands = self.lex.verbs.get(base, ())
                    pat = self._match(tok, cands)
                    if pat:
                        break
                code, rule = (pat.code, f"verb:{pat.source}") if pat else (None, "")
                sense = self.lex.clause_senses.get(tok.lemma_.lower())
                if code is not None and sense and self._governs_finite_clause(tok):
                    code, rule = sense, f"{rule}|clause"
                srule = self._subject_rule(tok, code)
                if srule is not None:
                    if srule.code == "none":
                        self._non_event |= tok.dep_ == "ROOT"
                        continue
                    code, rule = srule.code, (f"{rule}|subject:{srule.name}" if rule
                                              else f"verb:{tok.lemma_.lower()}|subject:{srule.name}")
                if code is None:
                    continue
                if code.startswith(self.background_relative_roots) and tok.dep_ == "acl" and tok.tag_ == "VBN" \
                        and tok.head.dep_ in ("pobj", "dobj"):
                    continue  # "spoke about the fishermen arrested in the strait": who, not what
                if code[:2] == "19" and tok.dep_ in ("acl", "relcl") and tok.head.dep_ in ("pobj", "dobj") and (
                        tok.tag_ == "VBG" or any(c.dep_ == "advmod" and c.lower_ == "where" for c in tok.children)):
                    continue  # "arms for groups fighting Soviet forces", "the capital, where rebels have been fighting"
                if code[:2] in _VIOLENT_ROOTS and self._accident(tok):
                    self._non_event = True  # nor may the learned model type it from "killing"
                    continue  # "were killed when a building collapsed": no one attacked
                if code in self.person_object_codes.get(tok.lemma_.lower(), {}) and self._person_object(tok):
                    # "Deng welcomed Gorbachev", "X was welcomed by Y": a person welcomed is hosted
                    code, rule = self.person_object_codes[tok.lemma_.lower()][code], f"{rule}|person-object"
                if code[:2] in self.purpose_skip_roots and self._purpose(tok):
                    continue  # "sent troops to help restore order": why, not what, was done
                relief = code.startswith(self.relief_roots) and self._relief_deployment(tok)
                if pat is not None and self._sport(tok, sent):
                    self._non_event |= tok.dep_ == "ROOT"
                    continue
                if pat is not None and pat.objects:
                    consumed.update(self._object_tokens(tok, pat.objects))
                srcs, tgts = self._verb_args(tok, code, by_tok)
                if relief:  # the deployment's own arguments (destination as target), coded as aid
                    code, rule = self.relief_code, f"{rule}|relief"
                sym = code in self.lex.symmetric_codes or (pat is not None and pat.symmetric and code == pat.code)
                frames.append(_Frame(tok, code, rule, srcs, tgts, self._modality(tok), symmetric=sym))
            elif tok.pos_ in ("NOUN", "PROPN"):
                pat = self._match_noun(tok)
                if pat is None:
                    continue
                # a noun used as a mere modifier ("peace talks" is talks; "war crimes" is not a war)
                if tok.dep_ in ("compound", "amod") or not self._eventive(tok) or self._background_conflict(tok):
                    continue
                srcs, tgts = self._noun_args(tok, by_tok)
                frames.append(_Frame(tok, pat.code, f"noun:{pat.source}", srcs, tgts, self._modality(tok),
                                     symmetric=pat.symmetric or pat.code in self.lex.symmetric_codes))
        # an event noun that is the object a verb pattern was matched on ("lifted sanctions",
        # "halted talks", "ended the war") is part of that verb's event, not a second one
        frames = [f for f in frames if not (f.rule.startswith("noun:") and f.pred.i in consumed)]
        # what is denied, alleged, hoped or feared is not reported as done
        unasserted = self._unasserted(sent, frames)
        kept = [f for f in frames if f.pred.i not in unasserted or f.code[:2] == "01"]
        # a sentence whose only acts are feared, denied or alleged ("stocked up on food amid
        # fears of an attack") is read: the learned model must not type it from those words
        self._non_event |= bool(frames) and not kept
        frames = kept
        # acts in a temporal adjunct ("after meeting in Jeddah") are the scene of another act
        scene = self._scene(sent)
        # "two years after the invasion", "a decade since the uprising began": a past long gone,
        # never the news, whatever else the sentence codes
        distant = self._distant_past(sent)
        frames = [f for f in frames if f.pred.i not in distant]
        # a relative clause on the subject ("Chinese authorities, who released the crew this
        # month, refused ...") tells who the subject is: background when the clause it
        # qualifies codes an act of its own
        about = {x.i for t in sent if t.dep_ == "relcl" and t.head.dep_ in ("nsubj", "nsubjpass")
                 for x in t.subtree}
        # "told Putin in a phone call that his moves were unacceptable": the call is only the
        # channel of what was told, when what was told codes an act of its own
        channel = {f.pred.i for f in frames if f.code[:2] == "04" and self._channel_of_speech(f.pred)}
        if any(f.pred.i not in channel and f.code[:2] not in ("01", "04") and f.modality == "asserted" for f in frames):
            frames = [f for f in frames if f.pred.i not in channel]
        if any(f.pred.i not in about and f.code[:2] != "01" for f in frames):
            frames = [f for f in frames if f.pred.i not in about]
        if any(f.pred.i not in scene and f.code[:2] != "01" for f in frames):
            frames = [f for f in frames if f.pred.i not in scene]
        else:
            # nor when the main act is one no pattern codes ("halted the pipeline after Russia
            # recognised ...", "reiterated his regrets during his visit to ..."): a statement aside
            frames = [f for f in frames if f.pred.i not in scene or f.code[:2] in self.scene_kept_roots]
        frames = [self._protection(self._joint(self._threat(self._unconventional(self._cooperation_trip(self._refusal(f))))))
                  for f in frames]
        return self._prune([self._allegation(f, frames) for f in frames])

    def _purpose(self, tok: Token) -> bool:
        """A to-infinitive (or a verb it governs: "to help fund") saying what another act or
        thing is for: an adverbial clause ("raised taxes to help fund schools"), the complement
        of a verb with an object or of a passive ("sent troops to help restore order", "were
        called in to help"), or a noun's infinitive ("resources to help"). Not when the other
        verb only names the means ("used its reserves to help Ghana")."""
        t = tok
        while t.dep_ == "xcomp" and not _to_infinitive(t) \
                and t.head.i != t.i:
            t = t.head
        if not _to_infinitive(t) or t.head.i == t.i:
            return False
        head = t.head
        if head.pos_ in ("VERB", "AUX") and self._lemma(head, self.purpose_means_verbs) in self.purpose_means_verbs:
            return False
        if t.dep_ == "xcomp" and head.lemma_.lower() in self.causative_verbs:
            return False  # "forced the president to resign": the act forced, not a purpose
        if t.dep_ == "advcl":
            return head.pos_ in ("VERB", "AUX")
        if t.dep_ == "xcomp":
            return head.pos_ in ("VERB", "AUX") and any(
                (c.dep_ == "dobj" and c.i < t.i) or c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
        if t.dep_ == "acl":
            return head.pos_ in ("NOUN", "PROPN")
        return False

    def _verb_args(self, tok: Token, code: str, by_tok: dict[int, ActorMention]
                   ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Sources and targets of a verb predicate coded `code`: subject or passive agent,
        object or target phrase, and the rules for clauses, recipients, own forces, unnamed
        doers and judgements. Pattern frames and the learned model's frames both use it."""
        plover = self.lex.info(code).plover
        srcs, tgts = self._subject(tok, by_tok)
        if not tgts:
            tgts = [a for a in self._targets(tok, by_tok, noun=False) if a not in srcs]
        if not tgts and srcs and code[:2] in self.clause_target_roots:
            tgts = self._clause_subject(tok, by_tok, srcs)
        tgts = self._past_own_forces(tok, srcs, tgts, by_tok)
        if tgts and plover in self.posture_types:
            srcs, tgts = self._posture_args(tok, srcs, tgts, by_tok)
        violent = code[:2] in self.unnamed_attack_roots
        if violent and srcs and all(s.actor.role in self.unnamed_attacker_roles and "ctx" in s.rule
                                    and s.tok_end > 0 and tok.doc[s.tok_end - 1].lemma_.lower()
                                    in self.unnamed_attacker_nouns for s in srcs):
            # "gunmen abducted an engineer in Kano", "militants attacked a post in northern
            # Niger": attackers the sentence does not name (their country only guessed from
            # where they struck) are unknown; the attack is on the place
            srcs = []
        if not srcs and not tgts and plover in self.self_target_types:
            # "a curfew was declared in Kisumu", "a mob beat a farmer in Rajasthan": no
            # one named at all; the country where it happens both acts and undergoes it
            # (a bombing by no one named only undergoes it: "a car bomb exploded in Khost")
            place = self._venue(tok, by_tok)
            if place is not None:
                srcs, tgts = ([] if violent and self._weapon_subject(tok) else [_implied(tok, place.actor.country)]), [place]
        if tok.lemma_.lower() in self.recipient_verbs:
            # "Jordan will receive aid from the United States": the giver acts
            givers = self._givers(tok, code, by_tok)
            if givers:
                srcs, tgts = givers, [a for a in srcs if a not in givers]
        if not tgts and srcs and code in self.destination_codes:
            # "Bush arrived in Moscow for a summit": where a visitor arrives is whom it visits
            tgts = [a for c in tok.children if c.dep_ == "prep" and c.lemma_.lower() == "in"
                    for p in c.children if p.dep_ == "pobj"
                    for a in self._actors_at(p, by_tok, allow_place=True)
                    if a.actor.country not in {s.actor.country for s in srcs}]
        if not tgts and srcs and plover in self.phrase_target_types:
            tgts = self._subtree_target(tok, srcs, by_tok, skip_venues=plover in self.venue_target_types)
        if tok.lemma_.lower() == "be" and code[:2] != "01" and self._copular_judgement(tok, code):
            # "said Moscow's move was irresponsible": a judgement of the subject, by
            # the speaker
            tgts = list(srcs)
            srcs = self._subject(tok.head, by_tok)[0] if tok.dep_ == "ccomp" else []
        elif tok.lemma_.lower() == "be" and code[:2] != "01" and not tgts:
            # "said it was grateful to Japan": the one the feeling is towards
            tgts = [a for c in tok.children if c.dep_ in ("acomp", "attr")
                    for a in self._targets(c, by_tok, noun=False) if a not in srcs]
        return srcs, tgts

    def _accident(self, tok: Token) -> bool:
        """Deaths told with an accident as their cause ("were killed when a factory collapsed",
        "gas leaked from the plant, killing thousands"): no attacker, no attack."""
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in self.accident_verbs:
            return True
        return any(c.dep_ == "advcl" and c.lemma_.lower() in self.accident_verbs
                   and any(m.dep_ in ("mark", "advmod") and m.lower_ == "when" for m in c.children)
                   for c in tok.children)

    def _weapon_subject(self, tok: Token) -> bool:
        """Whether the act's subject is a weapon, not a doer ("a car bomb exploded", "a roadside
        bomb tore through a bus"): no one is named, and no one is implied."""
        t = tok
        for _ in range(4):
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            if subj:
                return subj[0].lemma_.lower() in self.weapon_subjects
            if t.dep_ not in ("advcl", "conj", "xcomp") or t.head.i == t.i:
                return False
            t = t.head
        return False

    def _copular_judgement(self, tok: Token, code: str) -> bool:
        """A copular predicate judging its subject ("the move was irresponsible", "X was behind
        the attack"), not telling the subject's own state or feeling ("police were on alert",
        "Kenya was grateful"), whose subject is the source (modality.yaml)."""
        if not any(k in self.copular_judgement_codes for k in (code, code[:3], code[:2])):
            return False
        return not any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in self.copular_feelings
                       for c in tok.children)

    def _allegation(self, f: _Frame, frames: list[_Frame]) -> _Frame:
        """"X said Y had bombed Z": a past-perfect act of force reported by another actor is
        that actor's accusation of Y (CAMEO 112), not a fresh attack told by the news."""
        if f.code[:2] not in _VIOLENT_ROOTS or not f.rule.startswith("verb:") or f.pred.dep_ != "ccomp":
            return f
        if not any(c.dep_ == "aux" and c.lower_ == "had" for c in f.pred.children):
            return f
        says = [g for g in frames if g.pred.i == f.pred.head.i and g.code == "010" and g.sources]
        if not says:
            return f
        speakers = says[0].sources
        # "the army said its troops had overrun": a side telling of its own act claims it
        speaker_countries = {s.actor.country for s in speakers if s.actor.country}
        accused = [a for a in f.sources if a not in speakers and a.actor.country not in speaker_countries]
        if not accused:
            return f
        return _Frame(f.pred, "112", f.rule + f"|alleged<{f.code}", speakers, accused, f.modality)

    def _scene(self, sent: Span) -> set[int]:
        """Tokens of temporal adjuncts: "after/before/during/ahead of X" phrases and clauses
        (not an order: "the first country after X to"; nor the cause of a death)."""
        out: set[int] = set()
        for t in sent:
            low = t.lower_
            if low not in self.circumstance_marks:
                continue
            if t.dep_ == "prep" and any(c.lower_ in _ORDINALS for c in t.head.children):
                continue  # "the first country after Russia to recognise": an order, not a time
            anchor = t.head.head if t.dep_ == "mark" else t.head
            if anchor.pos_ in ("VERB", "AUX") and self._lemma(anchor, self.consequence_verbs) in self.consequence_verbs:
                continue  # "died after a fight broke out": the cause is the news
            if t.dep_ == "prep" or (t.dep_ == "advmod" and low == "ahead"):
                out.update(x.i for x in t.subtree)
            elif t.dep_ == "mark" and t.head.dep_ == "advcl" and not _to_infinitive(t.head):
                # ("the first country after Russia to recognise": an order, not a time)
                out.update(x.i for x in t.head.subtree)
        return out

    def _distant_past(self, sent: Span) -> set[int]:
        """Tokens of "after"/"since" adjuncts measured in years, months or decades ("38 years
        after Israel captured the territory", "two years after the invasion")."""
        out: set[int] = set()
        for t in sent:
            if t.lower_ not in ("after", "since") or t.dep_ not in ("prep", "mark"):
                continue
            holder = t.head if t.dep_ == "mark" else t
            if not any(c.dep_ == "npadvmod" and c.lemma_.lower() in self.distant_units for c in holder.children):
                continue
            out.update(x.i for x in (t.head.subtree if t.dep_ == "mark" else t.subtree))
        return out

    def _unasserted(self, sent: Span, frames: list[_Frame]) -> set[int]:
        """Tokens in the content of a denial, a claim noun or an attitude ("denied that its
        jets struck", "accusations that it armed the rebels", "hopeful that talks resume")."""
        heads = [t for t in sent if (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.doubt_verbs)
                 or (t.pos_ == "NOUN" and t.lemma_.lower() in self.claim_nouns)]
        heads += [f.pred for f in frames if f.code in self.attitude_codes]
        out: set[int] = set()
        # what a poll, study or analyst finds or argues is an opinion, not a report: "polls
        # suggest most voters stayed home", "a biography argues his assassination ended ..."
        heads += [t for t in sent if t.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in self.opinion_subjects for c in t.children)]
        # what is not known or believed, or what there is no sign of: "did not know who was
        # behind the bombs", "did not believe they would send tanks", "no sign either side was
        # ready for a ceasefire", "has no plans to visit"
        heads += [t for t in sent if (t.pos_ in ("VERB", "AUX") and self._lemma(t, self.cognition_verbs)
                                      in self.cognition_verbs and any(c.dep_ == "neg" for c in t.children))
                  or (t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children))]
        # what is remembered or mourned is past: "remembered those killed in the attacks"
        for t in sent:
            if t.pos_ == "VERB" and self._lemma(t, self.remembrance_verbs) in self.remembrance_verbs:
                out.update(x.i for c in t.children if c.dep_ == "dobj" for x in c.subtree)
        for h in heads:
            for c in h.children:
                if c.dep_ in ("ccomp", "acl", "xcomp") or \
                        (c.dep_ == "prep" and c.lemma_.lower() in ("of", "about", "over", "that")):
                    out.update(t.i for t in c.subtree)
                elif c.dep_ == "acomp":  # "was hopeful that ..."
                    out.update(t.i for g in c.children if g.dep_ in ("ccomp", "prep", "xcomp") for t in g.subtree)
        return out

    def _inverted_speaker(self, t: Token, by_tok: dict[int, ActorMention]) -> list[ActorMention]:
        """"About it reported the Kremlin press service", "So said the ministry": a report verb
        whose subject slot holds at most a pronoun, with an actor as its object after it, has
        that actor as the speaker (the parser reads the inverted speaker as an object)."""
        if t.lemma_.lower() not in self.inverted_attribution:
            return []
        objs = [c for c in t.children if c.dep_ == "dobj" and c.i > t.i]
        return [a for o in objs for a in self._actors_at(o, by_tok, allow_place=False)]

    def _subject_nouns(self, tok: Token, *, heads_only: bool = False) -> set[str]:
        """Lemmas naming the predicate's subject: its head, compounds and adjectives, and the
        noun of an "of" complement ("thousands of protesters", "a team of doctors"); for a
        participle or relative clause, the noun it modifies ("police who massed"). With
        `heads_only`, the head nouns alone ("protest leaders" is no protest)."""
        t = tok
        subj: list[Token] = []
        for _ in range(5):
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            if subj:
                break
            if t.dep_ in ("acl", "relcl") and t.head.pos_ in ("NOUN", "PROPN"):
                subj = [t.head]
                break
            if t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
                return set()
            t = t.head
        out: set[str] = set()
        for s in subj:
            for x in (s, *s.conjuncts):
                out.add(x.lemma_.lower())
                if heads_only:
                    continue
                for c in x.children:
                    if c.dep_ in ("compound", "amod", "appos"):
                        out.add(c.lemma_.lower())
                    elif c.dep_ == "prep" and c.lemma_.lower() == "of":
                        out.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
        return out

    def _subject_rule(self, tok: Token, code: str | None, *, heads_only: bool = False):
        """The first subject rule (predicates.yaml) that re-codes this verb, if any."""
        rules = self.lex.subject_rules
        if not rules:
            return None
        nouns = None
        lemma = self._lemma(tok, self._subject_rule_lemmas)
        for r in rules:
            if not (r.applies(code) or (code is None and lemma in r.lemmas)):
                continue
            nouns = nouns if nouns is not None else self._subject_nouns(tok, heads_only=heads_only)
            if nouns & r.subjects:
                return r
        return None

    def _sport(self, tok: Token, sent: Span) -> bool:
        """"Germany beat Argentina 1-0 in the final": a match, not an assault."""
        if tok.lemma_.lower() not in self.lex.sport_lemmas:
            return False
        return any(t.lemma_.lower() in self.lex.sport_cues for t in sent) or bool(_SCORE.search(sent.text))

    def _unconventional(self, f: _Frame) -> _Frame:
        """CAMEO keeps 19 for conventional military force and 18 for unconventional violence:
        a generic attack or killing by rebels, militants or criminals (or a killing whose
        perpetrator is not named) is recoded to the 18 default (see predicates.yaml)."""
        spec = self.lex.unconventional
        if not spec or f.code not in spec["codes"] or not f.rule.startswith("verb:"):
            return f
        lemma = f.pred.lemma_.lower()
        if lemma not in spec["lemmas"]:
            return f
        roles = {a.actor.role for a in f.sources if a.actor.role}
        if roles & spec["roles"] or (not f.sources and lemma in spec["unsourced"]):
            return _Frame(f.pred, spec["code"], f.rule + "|unconventional", f.sources, f.targets, f.modality,
                          f.symmetric, f.family)
        return f

    def _joint(self, f: _Frame) -> _Frame:
        """"American and Filipino troops held exercises": done by two countries together, a
        show of force is military cooperation (predicates.yaml joint_codes)."""
        new = self.lex.joint_codes.get(f.code)
        partners = {a.actor.country for a in f.sources if a.actor.country}
        if new is None and len(partners) >= 2 and self._marked_joint(f.pred):
            new = next((self.lex.joint_marked[k] for k in (f.code, f.code[:3], f.code[:2])
                        if k in self.lex.joint_marked), None)
            if new is not None:
                return _Frame(f.pred, new, f.rule + f"|joint<{f.code}", f.sources, f.targets, f.modality,
                              True, f.family)
        if new is None and f.code[:2] != "06":
            return f
        if new is None:
            # "Egyptian and Russian paratroopers held joint drills": cooperation between them
            if len(partners) >= 2 and not f.targets and not f.symmetric:
                return _Frame(f.pred, f.code, f.rule, f.sources, f.targets, f.modality, True, f.family)
            return f
        if len(partners) == 1 and any(c.dep_ == "prep" and c.lemma_.lower() == "with"
                                      for t in (f.pred, f.pred.head) for c in t.children):
            partners |= {a.actor.country for a in f.targets if a.actor.country}
        if len(partners) < 2:
            return f
        return _Frame(f.pred, new, f.rule + f"|joint<{f.code}", f.sources, f.targets, f.modality, True, f.family)

    def _cooperation_trip(self, f: _Frame) -> _Frame:
        """A trip or deployment made to cooperate ("instructors arrived in Tbilisi to begin
        training Georgian troops", "agronomists flew to Maputo to work with local researchers"):
        the cooperation its purpose infinitive names is the news, not the travel (042/043/154)."""
        if f.family is not None or f.code not in _TRIP_CODES or f.pred.pos_ not in ("VERB", "AUX"):
            return f
        for c in f.pred.children:
            if c.dep_ in ("advcl", "xcomp") and _to_infinitive(c):
                hit = self._code_of(c)
                if hit and hit[0][:2] == "06":
                    return _Frame(f.pred, hit[0], f.rule + f"|purpose<{f.code}", f.sources, f.targets,
                                  f.modality, f.symmetric, f.family)
        return f

    def _protection(self, f: _Frame) -> _Frame:
        """Forces sent to help another country ("troops arrived in Dili to help restore order",
        "peacekeepers began deploying to Liberia") provide military protection (CAMEO 074),
        not a show of force (modality.yaml protection)."""
        t = f.pred
        if f.family is not None or f.code[:2] not in self.protection_roots or t.pos_ not in ("VERB", "AUX"):
            return f
        if self._phrase_has(t, self.relief_nouns):
            # "dispatched a destroyer carrying aid", "ships arrived with food and tents"
            return _Frame(t, self.relief_code, f.rule + f"|relief<{f.code}", f.sources, f.targets,
                          f.modality, False, f.family)
        peace = self._peacekeeping(t)
        # a purpose infinitive of the deployment, or of the troops sent ("sent troops to help")
        purposes = [c for h in [t, *(c for c in t.children if c.dep_ == "dobj")] for c in h.children
                    if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and _to_infinitive(c)]
        purpose = any(self._lemma(c, self.protection_verbs) in self.protection_verbs for c in purposes)
        if purpose and not peace:
            # only help given abroad: troops sent "to help restore order" at home coerce
            home = {a.actor.country for a in f.sources if a.actor.country}
            abroad = {a.actor.country for a in f.targets if a.actor.country} - home
            if not home or not abroad:
                return f
        elif not peace:
            return f
        return _Frame(t, self.protection_code, f.rule + f"|protection<{f.code}", f.sources, f.targets,
                      f.modality, False, f.family)

    def _peacekeeping(self, t: Token) -> bool:
        """Peacekeepers in the subject, object or a prepositional phrase of a deployment
        ("peacekeepers began deploying", "sent troops to the peacekeeping force")."""
        return self._phrase_has(t, self.protection_nouns)

    def _phrase_has(self, t: Token, lemmas: frozenset[str]) -> bool:
        """One of `lemmas` in the subject, object or a prepositional phrase of a deployment
        (not in a temporal one: "after aid workers were killed")."""
        heads = [t] + ([t.head] if t.dep_ == "xcomp" else [])  # "began arriving"
        phrase = [x for h in heads for c in h.children
                  if c.dep_ in (*_SUBJ, "nsubjpass", "dobj") or (c.dep_ == "prep" and c.lower_ not in self.circumstance_marks)
                  for x in c.subtree]
        return any(x.lemma_.lower() in lemmas for x in phrase)

    def _marked_joint(self, tok: Token) -> bool:
        """A marker of joint action on the predicate, its object or its light verb's object
        ("jointly raided", "conducted a joint sweep", "in a coordinated raid")."""
        marks = self.lex.joint_marks
        if not marks:
            return False
        near = [tok, *tok.children, *(g for c in tok.children if c.dep_ in ("dobj", "prep", "npadvmod")
                                      for g in c.subtree)]
        if tok.pos_ in ("NOUN", "PROPN"):
            near += list(tok.subtree)
        return any(t.lower_ in marks for t in near)

    def _threat(self, f: _Frame) -> _Frame:
        """A hostile act its actor could or would take on a condition ("could recall its
        ambassador if ...", "will quit the talks unless ...") or that a speaker says it could
        take ("said it might impose sanctions") is a threat of that act (see modality.yaml)."""
        if f.family is not None or f.code[:2] not in self.threat_roots or f.modality not in ("hypothetical", "future"):
            return f
        t = f.pred if f.pred.pos_ in ("VERB", "AUX") else f.pred.head
        if t.pos_ not in ("VERB", "AUX"):
            return f
        if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.threat_aux for c in t.children):
            return f
        conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.threat_marks
                                                    for m in c.children) for c in t.children)
        reported = t.dep_ == "ccomp" and t.head.lemma_.lower() in self.threat_reporting
        if not (conditional or reported):
            return f
        if not conditional and f.modality == "future":
            return f  # "said it will deploy troops": the intent family already reads it
        new = self.lex.family_code("threaten", f.code)
        return _Frame(f.pred, new, f.rule + f"|threat<{f.code}", f.sources, f.targets, "asserted", False, "threaten")

    def _refusal(self, f: _Frame) -> _Frame:
        """A negated future cooperative act ("will not attend the talks", "would not release
        them") asserts a refusal: re-code it through the reject family."""
        if f.modality != "negated" or f.family is not None or f.code[:2] not in _REFUSABLE:
            return f
        chain = [f.pred] + ([f.pred.head] if f.pred.pos_ in ("NOUN", "PROPN") else [])
        if not any(c.dep_ == "aux" and c.lower_ in self.future_aux for t in chain for c in t.children):
            return f
        new = self.lex.family_code("reject", f.code)
        return _Frame(f.pred, new, f.rule + f"|refuse<{f.code}", f.sources, f.targets, "asserted",
                      False, "reject")

    def _object_tokens(self, tok: Token, lemmas: frozenset[str]) -> list[int]:
        """The tokens that satisfied a verb pattern's `~obj` constraint (see `_objects`)."""
        out: list[int] = []
        cands = self._object_heads(tok)
        cands += [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for c in cands:
            if c.lemma_.lower() in lemmas or any(cc.dep_ in ("compound", "amod") and cc.lemma_.lower() in lemmas
                                                 for cc in c.children):
                out.extend(t.i for t in (c, *c.conjuncts))
        return out

    def _known_event(self, tok: Token) -> bool:
        """A definite event noun with no participants of its own, subject of a verb that does
        not tell it happening ("the sanctions had cost the economy", "the summit opened a new
        era"): a reference to an event told before, not news (but "the talks resumed", "the
        treaty, signed by X and Y, settles ...")."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
            return False
        if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lemma_.lower() in ("by", "on", "against", "between", "among", "with"))
               or (c.dep_ in ("compound", "amod") and c.ent_type_ in ("NORP", "GPE", "ORG"))
               or (c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children))  # "signed by X"
               for c in tok.children):
            return False
        head = tok.head
        return head.pos_ in ("VERB", "AUX") and self._lemma(head, self.occurrence_verbs) not in self.occurrence_verbs

    def _relief_deployment(self, tok: Token) -> bool:
        """A deployment carrying relief: its object, purpose clause, or "for"/"with" phrase
        names relief, a disaster or its victims ("sent troops and rescue teams to help the
        island recover", "deployed soldiers for flood relief"). Circumstance adjuncts ("after
        the earthquake") and the subject do not count: they do not say what was sent for."""
        for c in tok.children:
            if c.dep_ in ("dobj", "dative"):
                pass
            elif c.dep_ in ("xcomp", "advcl") and _to_infinitive(c):
                pass  # a purpose infinitive, not "as farmers threatened to block the food market"
            elif c.dep_ == "prep" and c.lower_ in ("for", "with"):
                pass
            else:
                continue
            for t in c.subtree:
                if t.lemma_.lower() in self.relief_words or t.lower_ in self.relief_words:
                    return True
        return False

    def _background_conflict(self, tok: Token) -> bool:
        """A conflict noun naming a setting, not reporting fighting: figurative ("trade war",
        "war of words", "war on drugs"), a named or dated past war ("the Second World War",
        "the 1994 genocide") or a war told as a span ("a four-day war", "20 years of war")."""
        if tok.lemma_.lower() not in self.bg_heads:
            return False
        mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "nummod", "npadvmod")]
        if any({c.lemma_.lower(), c.lower_} & self.bg_modifiers for c in mods):
            return True
        for c in tok.children:
            if c.dep_ == "prep" and c.lemma_.lower() in self.bg_preps:
                # the pipeline's lemmatiser may leave a plural ("drugs") as it is
                if any(p.dep_ == "pobj" and ({p.lemma_.lower(), p.lower_, p.lower_[:-1]} & self.bg_objects)
                       for p in c.children):
                    return True
        if tok.ent_type_ == "EVENT" or (tok.pos_ == "PROPN" and tok.i > tok.sent.start and tok.text[:1].isupper()
                                        and any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in tok.children)):
            return True
        for c in mods:
            if c.ent_type_ == "DATE" and (c.like_num and len(c.text) == 4 or c.lemma_.lower() in self.bg_span_units):
                return True
        # "to avert war", "risked nuclear war", "on the brink of war": a war not fought
        if tok.dep_ == "dobj" and any(k in self.bg_averting_verbs for k in self._verb_keys(tok.head)):
            return True
        if tok.dep_ == "pobj" and tok.head.lemma_.lower() == "of" and \
                tok.head.head.lemma_.lower() in self.bg_averting_nouns:
            return True
        # "nine years of war": the war is the measure's object
        if tok.dep_ == "pobj" and tok.head.lemma_.lower() == "of" and tok.head.head.lemma_.lower() in self.bg_span_units:
            return True
        return False

    def _eventive(self, tok: Token) -> bool:
        """An event noun is coded when it is an argument of a clause (not a bare topic like
        'the war' in 'about the war') or has participants of its own."""
        if tok.dep_ == "nsubj" and self._known_event(tok):
            return False
        # "a ceasefire brokered by Moscow has largely held": the act goes on, it is not news
        if tok.dep_ == "nsubj" and self._lemma(tok.head, self.persistence_verbs) in self.persistence_verbs:
            return False
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "ROOT", "conj", "appos"):
            return True
        if tok.dep_ == "pobj" and tok.head.lemma_.lower() in ("in", "during", "after", "with") and \
                tok.head.head.pos_ == "VERB":
            # "turned out in protest at": the manner of an uncoded main act (but "recalled its
            # envoy in protest" is a recall)
            if tok.head.lemma_.lower() == "in" and not any(c.dep_ == "det" for c in tok.children) and \
                    (self._match_noun(tok) or Pattern("", "")).code[:2] == "14" and \
                    self._match_verb(tok.head.head) is None:
                return True
            return any(c.dep_ in ("poss", "prep", "amod", "compound") for c in tok.children)
        return any(c.dep_ in ("poss",) or (c.dep_ == "prep" and c.lemma_.lower() in ("by", "on", "against", "between"))
                   for c in tok.children)

    def _prune(self, frames: list[_Frame]) -> list[_Frame]:
        """Drop plain statements that only report another coded event ("X said Y attacked Z")."""
        if not frames:
            return frames
        # the same event told twice: "held a phone call in which they discussed" (same root,
        # one predicate inside the other's clause) keeps the outer, more specific one
        frames = [f for f in frames if not any(
            g is not f and g.code[:2] == f.code[:2] and f.pred.dep_ in ("relcl", "acl") and f.pred.head.i == g.pred.i
            for g in frames)]
        # an appeal or demand voiced by the act itself ("marched demanding reforms", "blocked
        # roads to press demands") is the purpose of a protest or coercion, not a second event
        acts = [g for g in frames if g.code[:2] in ("14", "15", "17", "18", "19", "20")]
        frames = [f for f in frames if not (
            f.family in ("appeal", "demand") and f.pred.dep_ in ("advcl", "xcomp", "acl", "conj", "pcomp")
            and any(g.pred.i == f.pred.head.i or g.pred in f.pred.ancestors
                    # "continued their hunger strike to demand": the act is the object of the
                    # verb the purpose hangs on
                    or (g.pred.dep_ == "dobj" and g.pred.head.i == f.pred.head.i) for g in acts))]
        # "retaliated by expelling diplomats", "hit back with tariffs": the act done is the
        # means, which the response verb only names
        frames = [f for f in frames if not (
            f.pred.pos_ in ("VERB", "AUX") and self._lemma(f.pred, self.means_verbs) in self.means_verbs
            and any(g is not f and g.code[:2] != "01" and _by_means(g.pred, f.pred) for g in frames))]
        # what a specific statement is about ("denied any role in the assassination", "admitted
        # it had shot down the airliner", "expressed sorrow over the attack") is its content,
        # not a second event
        specific = [g for g in frames if g.code[:2] == "01" and g.code != "010"]
        if specific:
            frames = [f for f in frames if f.code[:2] == "01" or not any(g.pred in f.pred.ancestors for g in specific)]
        # a plain "said" that carries a more specific statement ("said he was confident")
        if any(f.code[:2] == "01" and f.code != "010" for f in frames):
            frames = [f for f in frames if f.code != "010"]
        coded = {f.pred.i for f in frames if f.code[:2] != "01"}
        out = []
        for f in frames:
            if f.code[:2] == "01":
                if coded and (not self.settings.code_statements or
                              any(t.i in coded for t in f.pred.subtree) or
                              any(f.pred.i in {a.i for a in g.pred.ancestors} or g.pred.i in
                                  {t.i for t in f.pred.subtree} for g in frames if g.code[:2] != "01")):
                    continue
                if not self.settings.code_statements:
                    continue
            out.append(f)
        return out

    # ------------------------------------------------------------------ events
    def _decided(self, f: _Frame) -> bool:
        """A hostile measure told in the plain future ("Colombia will break off relations",
        "troops will be deployed to the border") is a decision announced, coded as the act
        (see modality.yaml decided_future); a conditional one is left to the threat reading."""
        if not f.code.startswith(self.decided_codes):
            return False
        t = f.pred if f.pred.pos_ in ("VERB", "AUX") else f.pred.head
        return any(c.dep_ in ("aux", "auxpass") and c.lower_ in self.decided_aux for c in t.children)

    def _channel_of_speech(self, tok: Token) -> bool:
        """A call or meeting noun ("in a phone call", "during talks") on a verb of saying
        that governs a clause names the channel of a reported message (CAMEO codes the
        message), not a consultation of its own."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "during", "over"):
            return False
        verb = tok.head.head
        # the parser may hang the "that" clause on the noun, as a relative clause with a mark
        told = any(c.dep_ == "ccomp" for c in verb.children) or any(
            c.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in tok.children)
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in self.attribution_verbs and told

    def _apply_policy(self, f: _Frame) -> _Frame | None:
        pol = self.settings.policy
        if f.modality == "asserted":
            return f
        action = getattr(pol, f.modality, "drop") if f.modality in ("negated", "hypothetical", "future") else "keep"
        if action == "drop":
            return None
        if action == "intent" and f.family is None and f.modality == "future" and self._decided(f):
            return _Frame(f.pred, f.code, f.rule + "|decided", f.sources, f.targets, f.modality,
                          f.symmetric, None)
        if action == "intent" and f.family is None:
            new = self.lex.family_code("intent", f.code)
            return _Frame(f.pred, new, f.rule + f"|intent<{f.code}", f.sources, f.targets, f.modality,
                          f.symmetric and new in self.lex.symmetric_codes, "intent")
        return f

    def code_doc(self, doc: Doc, article: Article, actors: Sequence[ActorMention]) -> list[Event]:
        by_tok: dict[int, ActorMention] = {}
        for m in actors:
            for i in range(m.tok_start, m.tok_end):
                by_tok[i] = m
        events: list[Event] = []
        prev_date = None
        narrative: tuple[int, object] | None = None  # (paragraph, date) of the last dated sentence
        # paragraph breaks found once per article (Doc.text would rebuild the text per sentence)
        breaks = [m.start() for m in re.finditer("\n\n", article.text)]
        seen: set[tuple] = set()
        for sent in doc.sents:
            frames = self.code_sentence(sent, by_tok)
            if not frames and not self._non_event:
                frames = self._classify(sent, by_tok)
            elif frames and all(f.code[:2] == "01" for f in frames) and \
                    self.settings.statement_override_threshold is not None:
                # a bare "said"/"stated" is often the frame of an act no pattern knows: a
                # sure model reading of that act replaces the statement
                frames = self._classify(sent, by_tok, threshold=self.settings.statement_override_threshold) \
                    or frames
            frames = [f for f in map(self._apply_policy, frames) if f]
            if not frames:
                continue
            date = article.date
            if self.date_resolver is not None:
                date, rule = self.date_resolver(sent, pub_date=article.date, previous=prev_date)
                para = bisect.bisect_right(breaks, sent.start_char)
                if rule == "pub-date" and narrative is not None and narrative[0] == para:
                    # a sentence with no time expression goes on with its paragraph's story:
                    # "On May 3 rebels took the town. They executed the mayor." -> May 3
                    date = narrative[1]
                elif rule not in ("pub-date", "none") and date is not None:
                    narrative = (para, date)
                elif narrative is not None and narrative[0] != para:
                    narrative = None
            prev_date = date or prev_date
            casualties = count_casualties(sent)
            paired = [(f, self._pairs(f)) for f in frames]
            if self.settings.actorless_main_event and not any(p for _, p in paired):
                # no coded act names an actor: the sentence still reports its main event
                # ("four people were arrested at the rally"), kept without actors
                main = self._main_frame(frames)
                paired = [(main, [self._nearby_pair(sent, main, by_tok)])] if main is not None else []
            if self.settings.main_event_only:
                paired = self._main_event(paired, sent, by_tok)
            paired = _drop_untargeted(paired)
            for f0, pairs in paired:
                for src, tgt, sym in pairs:
                    f = self._foreign_sanction(f0, src, tgt)
                    key = (sent.start, f.code, _akey(src), _akey(tgt))
                    if key in seen or (sym and (sent.start, f.code, _akey(tgt), _akey(src)) in seen):
                        continue
                    seen.add(key)
                    events.append(self._event(doc, article, sent, f, src, tgt, sym, date, casualties))
        return events

    def _foreign_sanction(self, f: _Frame, src, tgt) -> _Frame:
        """A ban or bar put on another country's people, firms or officials ("barred Iranian
        officials from entering", "suspended Aeroflot's landing rights") is a sanction on that
        country, not repression at home, and easing one eases a sanction (modality.yaml
        foreign_sanction)."""
        if f.code not in self.foreign_sanction_codes or src is None or tgt is None:
            return f
        if src.tok_start < 0 or tgt.tok_start < 0:
            return f
        theirs, ours = tgt.actor.country, src.actor.country
        if theirs is None or theirs == ours or tgt.actor.role in self.foreign_sanction_skip:
            return f
        return _Frame(f.pred, self.foreign_sanction_codes[f.code], f.rule + f"|foreign<{f.code}", f.sources, f.targets,
                      f.modality, f.symmetric, f.family)

    @staticmethod
    def _nearby_pair(sent: Span, f: _Frame, by_tok: dict[int, ActorMention]
                     ) -> tuple[ActorMention | None, ActorMention | None, bool]:
        """Actors for a frame the parse gave none: the last actor before the predicate as
        source (news puts the agent first), the first one after it as target."""
        before = [by_tok[t.i] for t in sent if t.i < f.pred.i and t.i in by_tok
                  and "place" not in by_tok[t.i].rule]
        after = [by_tok[t.i] for t in sent if t.i > f.pred.i and t.i in by_tok]
        src = before[-1] if before else None
        tgt = next((a for a in after if _akey(a) != _akey(src)), None)
        return src, tgt, False

    def _main_event(self, paired: list[tuple[_Frame, list]], sent: Span | None = None,
                    by_tok: dict[int, ActorMention] | None = None) -> list[tuple[_Frame, list]]:
        """News sentences report one main event; other coded acts are its circumstances
        ("condemned the attack that killed...", "met X after the strike"). Keep the frames of
        the act nearest the sentence root, and its other frames of the same root code. A main
        act whose actors the parse did not find still outranks a deeper act that has some
        ("the curfew imposed on X was lifted"): it gets the actors nearest to it."""
        live = [f for f, p in paired if p]
        top = self._main_frame([f for f, _ in paired])
        if sent is not None and top is not None and top not in live and live:
            deepest_live = min(_depth(f.pred) for f in live if f.code[:2] != "01") if any(
                f.code[:2] != "01" for f in live) else None
            if deepest_live is not None and _depth(top.pred) < deepest_live:
                pair = self._nearby_pair(sent, top, by_tok or {})
                return [(top, [pair])]
        if len({f.code[:2] for f in live}) < 2:
            return paired
        main = self._main_frame(live) or live[0]
        if main.code.startswith(_PROPERTY_HARM):
            # "torched the village and shot the fleeing residents": harm to people outranks the
            # damage to property coordinated with it
            harsher = [f for f in live if f.code[:2] in _VIOLENT_ROOTS and f.pred.dep_ == "conj"
                       and f.pred.head.i == main.pred.i]
            main = harsher[0] if harsher else main
        return [(f, p) for f, p in paired if f.code[:2] == main.code[:2] or _second_act(f, main)]

    @staticmethod
    def _main_frame(frames: list[_Frame]) -> _Frame | None:
        """The frame nearest the sentence root, acts before plain statements."""
        acts = [f for f in frames if f.code[:2] != "01"]
        if not acts:
            return None
        return min(acts, key=lambda f: (_depth(f.pred), f.pred.i))

    def _classify(self, sent: Span, by_tok: dict[int, ActorMention], *,
                  threshold: float | None = None) -> list[_Frame]:
        """The learned model's reading of a sentence no pattern typed: its main verb's
        subject acts on its object, with the model's PLOVER type. The model's NONE and
        STATEMENT classes, a doubt below the threshold, a verbless root or an act without
        actors code nothing."""
        threshold = threshold if threshold is not None else self.settings.classifier_threshold
        if self.classifier is None or threshold is None or not any(t.i in by_tok for t in sent):
            return []
        root = sent.root
        if root.pos_ not in ("VERB", "AUX"):
            return []
        # an opinion or a doubt ("analysts said ...", "polls suggest ...", "officials denied ...")
        # reports no act for the model to type
        if root.lemma_.lower() in self.perception_verbs and any(c.dep_ == "nsubjpass" for c in root.children):
            return []
        if root.lemma_.lower() in self.doubt_verbs or any(
                c.dep_ == "nsubj" and c.lemma_.lower() in self.opinion_subjects for c in root.children):
            return []
        label, prob = self.classifier.predict(sent)  # the Span: words and parse features
        if label is None or prob < threshold or label not in self.plover_defaults:
            return []
        code = self.plover_defaults[label]
        pred, srcs, tgts = self._model_args(root, code, by_tok)
        if not srcs and not tgts and pred.i == root.i:
            return []
        # "Indian and Chinese leaders got together", "American and Filipino troops began
        # exercises": a meeting, or cooperation of two countries with no one else named, pairs
        # the coordinated doers (as `_joint` does for pattern frames)
        joint = code[:2] == "06" and not tgts and len({a.actor.country for a in srcs if a.actor.country}) >= 2
        return [_Frame(pred, code, f"model:{self.classifier.version}:{label}:{prob:.2f}",
                       srcs, tgts, self._modality(root), symmetric=code in self.lex.symmetric_codes or joint)]

    # ------------------------------------------------------------------ model frames
    def _model_args(self, root: Token, code: str, by_tok: dict[int, ActorMention]
                    ) -> tuple[Token, list[ActorMention], list[ActorMention]]:
        """The predicate a sentence-level model label is about, and its actors by the rules
        pattern frames use (`_verb_args`). Under an attribution ("..., residents told aid
        workers", "officials said ...") the label types the reported act, so its clause's
        verb is the predicate, not the verb of saying."""
        pred = self._reported_act(root, code)
        srcs, tgts = self._verb_args(pred, code, by_tok)
        if not tgts:
            # "began shuttling supplies into Aceh": the target may sit in the governed act
            for c in pred.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    tgts = [a for a in self._targets(c, by_tok, noun=False) if a not in srcs]
                    if tgts:
                        break
        if pred.i != root.i and not _named_subject(pred) and \
                code[:2] not in self.implied_source_skip:
            # "May told parliament that 23 diplomats had been expelled", "the minister said troops
            # would begin returning": a reported act with no named doer is the attributor's
            # own (but a killing officials report is not theirs)
            own = [a for a in self._subject(root, by_tok)[0] if _akey(a) not in {_akey(t) for t in tgts}]
            if own and not srcs:
                srcs = own
        return pred, srcs, tgts

    def _reported_act(self, root: Token, code: str) -> Token:
        """The verb of the clause an attribution verb reports ("X attacked Y, officials said",
        "residents told reporters that troops shelled the town"), or the root itself."""
        if self._lemma(root, self.attribution_verbs) not in self.attribution_verbs:
            return root
        if code[:2] in self.speech_roots:
            return root  # "said Y must go", "told the council Y was hiding arms": the saying is the act
        clauses = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if not clauses:
            # "Troops shelled the town and residents fled, witnesses said": a clause joined to the
            # attribution
            clauses = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        return clauses[0] if clauses else root

    def _pairs(self, f: _Frame) -> list[tuple[ActorMention | None, ActorMention | None, bool]]:
        srcs = _unique_actor(f.sources)
        tgts = [t for t in _unique_actor(f.targets) if _akey(t) not in {_akey(s) for s in srcs}]
        cap = self.settings.max_pairs
        if f.symmetric and len(srcs) >= 2 and not tgts:
            if f.code not in self.lex.symmetric_codes:
                first, *rest = sorted(srcs, key=lambda m: m.start)
                return [(first, b, False) for b in rest][:cap]
            return [(a, b, True) for i, a in enumerate(srcs) for b in srcs[i + 1:]][:cap]
        if len({s.actor.country for s in srcs if s.actor.country}) >= 2 and not any(t.actor.country for t in tgts) \
                and self.lex.info(f.code).plover in self.partner_types:
            # "Japan and India pledged to upgrade defence cooperation", "Chile and Peru signed an
            # accord": with no other country named, the coordinated doers are each other's party
            first, *rest = _one_per_country(sorted(srcs, key=lambda m: m.start))
            return [(first, b, f.symmetric) for b in rest][:cap]
        if f.symmetric and not srcs and len(tgts) >= 2:
            return [(tgts[0], b, True) for b in tgts[1:]][:cap]
        if not srcs and not tgts:
            return []
        if not srcs and not f.symmetric and f.code[:2] not in self.implied_source_skip \
                and not _named_subject(f.pred):
            # an act whose doer is not named ("a curfew was imposed on the capital", "troops
            # were placed on alert", "thousands marched in Paris") is the doing of the country
            # it happens to: its authorities or its people
            state = next((t.actor.country for t in tgts if t.actor.country), None)
            if state:
                return [(_implied(f.pred, state), t, False) for t in tgts][:cap]
        if srcs and not tgts and not f.symmetric and self.lex.info(f.code).plover in self.self_target_types:
            # a curfew, a crackdown, a protest, a concession or a release with no one else
            # named is done at home: its target is the doer's own country
            return [(s, _implied(f.pred, s.actor.country) if s.actor.country else None,
                     False) for s in srcs][:cap]
        pairs = [(s, t, f.symmetric) for s in (srcs or [None]) for t in (tgts or [None])]
        return pairs[:cap]

    def _event(self, doc: Doc, article: Article, sent: Span, f: _Frame, src, tgt, sym: bool,
               date, casualties: dict[str, int]) -> Event:
        info = self.lex.info(f.code)
        location: Location | None = None
        if self.geocoder is not None:
            prefer = (tgt.actor.country if tgt else None) or (src.actor.country if src else None)
            location = self.geocoder.locate(sent, prefer_country=prefer)
        conf = 0.55 + 0.15 * (src is not None) + 0.1 * (tgt is not None) + 0.1 * (":" in f.rule and "~" in f.rule)
        if f.modality != "asserted":
            conf -= 0.15
        eid = hashlib.sha256(
            f"{article.id}|{sent.start_char}|{f.pred.i}|{f.code}|{_akey(src)}|{_akey(tgt)}".encode()).hexdigest()[:16]
        return Event(
            article_id=article.id, event_id=eid, date=date, cameo=f.code, cameo_root=info.root,
            quad_class=info.quad_class, goldstein=info.goldstein, plover=info.plover, source=src, target=tgt,
            location=location,
            # the offsets of the stripped sentence: spaCy hangs a paragraph break on the sentence
            evidence=Evidence(sentence=sent.text.strip(), start=sent.start_char + len(sent.text) - len(sent.text.lstrip()),
                              end=sent.start_char + len(sent.text.rstrip()),
                              trigger=f.pred.text, trigger_start=f.pred.idx, trigger_end=f.pred.idx + len(f.pred)),
            confidence=max(0.05, min(conf, 0.95)), modality=f.modality, plover_mode=info.plover_mode,
            casualties=casualties if info.root in _VIOLENT_ROOTS else {}, symmetric=sym,
            provenance=Provenance(stage="events", version=VERSION, rule=f.rule + _implied_marks(src, tgt)))


def _implied_marks(src: ActorMention | None, tgt: ActorMention | None) -> str:
    """Say in the provenance which actor no name in the sentence stands for (see `_implied`),
    so an analyst auditing the event knows the country was inferred, not read."""
    return "".join(f"|implied-{side}" for side, m in (("source", src), ("target", tgt))
                   if m is not None and m.tok_start < 0)


def _to_infinitive(tok: Token) -> bool:
    """Whether the verb carries the infinitive marker "to" ("agreed to talks", "sent troops to help")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _drop_untargeted(paired: list[tuple[_Frame, list]]) -> list[tuple[_Frame, list]]:
    """One act told twice in a sentence ("signed agreements with Israel": the verb and its
    object noun) is one event: a pair with no target is dropped when the same source has
    a target for the same code in the sentence."""
    targeted = {(f.code, _akey(s)) for f, pairs in paired for s, t, _ in pairs if t is not None}
    if not targeted:
        return paired
    return [(f, [(s, t, y) for s, t, y in pairs if t is not None or (f.code, _akey(s)) not in targeted])
            for f, pairs in paired]


def _second_act(f: _Frame, main: _Frame) -> bool:
    """An accusation in a participle clause hanging on the main act is a second act of the
    same actor ("invaded X, accusing it of oppression"). Other participle clauses
    ("..., defying appeals", "..., demanding") and coordinated verbs (but commitments) are not kept: measured,
    they add more false than true events (gold sets code one main event per sentence)."""
    t = f.pred
    if t.pos_ not in ("VERB", "AUX") or t.head.i != main.pred.i:
        return False
    if _coordinated_commitment(f, main):
        return True
    if _coordinated_response(f, main):
        return True
    if f.code[:2] != "11":
        return False
    return t.dep_ == "advcl" and t.tag_ == "VBG"


def _coordinated_commitment(f: _Frame, main: _Frame) -> bool:
    """An agreement or pledge coordinated with the main act of the same subject ("met the
    opposition and agreed to talks", "gave in to the demands and agreed to free elections") is
    news of its own. Only this family: other coordinated verbs, measured, add more false than
    true events; an object-less, asserted "and agreed to ..." with its "and" is required."""
    t = f.pred
    return (t.dep_ == "conj" and f.code[:2] in _COMMITMENT_ROOTS and main.code[:2] not in ("01", "02")
            and f.modality == "asserted" and main.modality == "asserted"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in t.children)
            and any(c.dep_ == "cc" and c.i < t.i for c in main.pred.children))


def _coordinated_response(f: _Frame, main: _Frame) -> bool:
    """Force met by force or a protest met by force, told in a coordinated clause with a
    subject of its own ("thousands rallied in the capital, and police fired tear gas"): the
    other side's act is news of its own, not a circumstance of the first."""
    t = f.pred
    if t.dep_ != "conj" or f.code[:2] not in _CLASH_ROOTS or main.code[:2] not in _CLASH_ROOTS:
        return False
    subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    main_subj = [c for c in main.pred.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and bool(main_subj) and subj[0].lemma_.lower() != main_subj[0].lemma_.lower() \
        and f.modality == "asserted" and main.modality == "asserted"


_CLASH_ROOTS = ("14", "17", "18", "19", "20")
_COMMITMENT_ROOTS = ("03",)
_TIME_NOUNS = frozenset({"day", "week", "month", "year", "night", "morning", "evening", "afternoon", "eve",
                         "hour", "anniversary", "start", "beginning", "end", "height", "wake", "time"})
_PROPERTY_HARM = ("171",)
_VIOLENT_ROOTS = ("18", "19", "20")
_TRIP_CODES = ("042", "043", "154")  # travel, arrival and deployment codes a purpose can re-code
# participles that open a reduced relative on a person ("two men wanted for", "a suspect
# accused of"), which the parser can misread as a clause of their own
_REDUCED_RELATIVES = frozenset({"want", "accuse", "suspect", "charge", "convict", "sentence", "sought", "seek"})


def _hyphenated(tok: Token) -> list[str]:
    """The whole of a hyphenated noun the parser split into compound + head ("a sit-in" is
    "sit" + "-" + "in"), so that "stage ~sit-in" and the noun "sit-in" match."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH" and doc[tok.i - 2].head.i == tok.i:
        return [f"{doc[tok.i - 2].lower_}-{tok.lemma_.lower()}", f"{doc[tok.i - 2].lower_}-{tok.lower_}"]
    return []


def _by_means(tok: Token, verb: Token) -> bool:
    """Whether `tok` sits in a "by"/"with" phrase of `verb` ("retaliated by expelling ...")."""
    for a in tok.ancestors:
        if a.head.i == verb.i and a.i != verb.i:
            return a.dep_ == "prep" and a.lemma_.lower() in ("by", "with")
    return False


def _depth(t: Token) -> int:
    n = 0
    while t.head.i != t.i and n < 50:  # Token objects are views: compare positions, not identity
        t, n = t.head, n + 1
    return n


def _is_particle(t: Token) -> bool:
    """A verb particle, or "out"/"off" parsed as a preposition after the object ("pulled its
    troops out of the town", "cut the region off from")."""
    if t.dep_ == "prt":
        return True
    if t.lower_ in ("out", "off") and t.dep_ == "prep" and t.i > t.head.i + 1 and \
            not any(c.dep_ == "pobj" for c in t.children):  # but "off the coast" is a place
        return True
    # "handed the pilot back to India", "sent the migrants back"
    if t.lower_ in ("back", "away") and t.dep_ == "advmod" and t.i > t.head.i + 1 and t.head.pos_ == "VERB":
        return True
    # "walked out of", "stepped down as": a particle right after its verb, parsed as a
    # preposition or adverb
    return t.i == t.head.i + 1 and t.head.pos_ in ("VERB", "AUX") and t.dep_ in ("prep", "advmod") and \
        t.lower_ in _PARTICLES and (t.dep_ == "advmod" or any(c.dep_ == "prep" for c in t.children))


def _implied(pred: Token, country: str) -> ActorMention:
    """The unnamed domestic authority of `country` behind an act with no named doer, anchored
    on the predicate (its text is the predicate: no actor name appears in the sentence). Like
    every event actor that is not one of the article's actor mentions it has no token span and
    the rule "event", as the store gives it back."""
    return ActorMention(text=pred.text, start=pred.idx, end=pred.idx + len(pred), tok_start=-1,
                        tok_end=-1, actor=Actor(code=country, country=country, role=None, name=None,
                                                kind="state"), rule="event")


def _named_subject(pred: Token) -> bool:
    """Whether the predicate (or the verb it hangs on) has a proper-name subject: an actor the
    resolver did not know ("the Asian Development Bank extended a loan") still names the doer."""
    t = pred
    for _ in range(4):
        subj = [c for c in t.children if c.dep_ in _SUBJ]
        if subj:
            return any(w.pos_ == "PROPN" for w in subj[0].subtree if w.dep_ not in ("prep", "pobj") or w is subj[0])
        if any(c.dep_ == "nsubjpass" for c in t.children) or t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _one_per_country(ms: list[ActorMention]) -> list[ActorMention]:
    """The first mention of each country (mentions with no country dropped)."""
    out, seen = [], set()
    for m in ms:
        if m.actor.country and m.actor.country not in seen:
            seen.add(m.actor.country)
            out.append(m)
    return out


def _akey(m: ActorMention | None):
    if m is None:
        return None
    a = m.actor
    return (a.code, a.name)


def _unique(ms: Iterable[ActorMention]) -> list[ActorMention]:
    out, seen = [], set()
    for m in ms:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _unique_actor(ms: Iterable[ActorMention]) -> list[ActorMention]:
    """One mention per actor; a state named next to the person who holds its office ("the
    leaders of Syria and Iran, Bashar al-Assad and Ebrahim Raisi") is that person, not a second
    party."""
    out, seen = [], set()
    for m in ms:
        k = _akey(m)
        if k not in seen:
            seen.add(k)
            out.append(m)
    held = {m.actor.code for m in out if m.actor.kind == "person"}
    return [m for m in out if m.actor.kind == "person" or m.actor.code not in held]
