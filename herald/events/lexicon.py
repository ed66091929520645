"""Load the event ontology (codebook, predicate patterns, control families) from data files.

Patterns are small strings (see data/predicates.yaml) parsed once into `Pattern` records, so
a rule that fires can be named in the event's provenance ("verb:condemn", "noun:talk^phone").
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

__all__ = ["CodeInfo", "Lexicon", "Pattern", "SubjectRule", "load_lexicon", "parse_pattern"]

_DATA = resources.files("herald.events") / "data"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class Pattern:
    """One predicate pattern: a lemma (+ particle) and the constraints that must hold."""

    code: str
    lemma: str
    particle: str | None = None
    preps: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    symmetric: bool = False
    source: str = ""  # the pattern string, for provenance
    # objects that rule the pattern out ("release !figure|report": releasing data is no release)
    not_objects: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        return (bool(self.particle) + len(self.preps) > 0) + 2 * bool(self.objects) + 2 * bool(self.modifiers) \
            + bool(self.particle)


def parse_pattern(text: str, code: str) -> Pattern:
    """Parse "lemma_prt +prep ~obj1|obj2 !obj3|obj4 ^mod1|mod2 @sym" into a Pattern."""
    parts = text.split()
    if not parts:
        raise ValueError(f"empty pattern for code {code}")
    head = parts[0]
    lemma, _, particle = head.partition("_")
    preps: set[str] = set()
    objects: set[str] = set()
    modifiers: set[str] = set()
    not_objects: set[str] = set()
    symmetric = False
    for p in parts[1:]:
        if p.startswith("+"):
            preps.update(p[1:].split("|"))  # "+behind|around" as "+behind +around"
        elif p.startswith("~"):
            objects.update(p[1:].split("|"))
        elif p.startswith("^"):
            modifiers.update(p[1:].split("|"))
        elif p.startswith("!"):
            not_objects.update(p[1:].split("|"))
        elif p == "@sym":
            symmetric = True
        else:
            raise ValueError(f"pattern {text!r} (code {code}): cannot read {p!r}")
    return Pattern(code=code, lemma=lemma.lower(), particle=particle or None, preps=frozenset(preps),
                   objects=frozenset(objects), modifiers=frozenset(modifiers), symmetric=symmetric,
                   source=text, not_objects=frozenset(not_objects))


@dataclass(frozen=True, slots=True)
class SubjectRule:
    """Who acts changes what the act is: a predicate coded one of `codes` (or, for an uncoded
    verb, one of `lemmas`) whose subject noun is one of `subjects` gets `code` ("none": it is
    no political event at all, as when an earthquake "strikes" a city)."""

    subjects: frozenset[str]
    code: str
    codes: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    name: str = ""

    def applies(self, code: str | None) -> bool:
        if code is None:
            return False
        return any(k in self.codes for k in (code, code[:3], code[:2]))


@dataclass(frozen=True)
class Lexicon:
    codes: dict[str, CodeInfo]
    verbs: dict[str, tuple[Pattern, ...]]  # lemma -> patterns, most specific first
    nouns: dict[str, tuple[Pattern, ...]]
    light_verbs: frozenset[str]
    control_verbs: dict[str, tuple[tuple[Pattern, str], ...]]  # lemma -> (pattern, family)
    control_nouns: dict[str, str]  # noun lemma -> family
    family_defaults: dict[str, str]
    families: dict[str, dict[str, str]]
    symmetric_codes: frozenset[str] = field(default=frozenset())
    # control verbs that only control when they govern a to-infinitive ("told X to leave"),
    # since their plain use is reporting ("told reporters")
    complement_controls: frozenset[str] = field(default=frozenset())
    # control verbs that only control an infinitive or a bare (subjunctive) clause
    # ("insisted that X be pushed back"), since with an indicative clause they report
    subjunctive_controls: frozenset[str] = field(default=frozenset())
    # CAMEO 18 vs 19: generic force by irregular armed groups is unconventional violence
    unconventional: dict = field(default_factory=dict)
    subject_rules: tuple[SubjectRule, ...] = ()
    # verb_particle idioms the plain verb's patterns must not match ("kick_off")
    phrasal_idioms: frozenset[str] = field(default=frozenset())
    # acts that are cooperation when done by two countries together (150 exercises -> 062)
    joint_codes: dict = field(default_factory=dict)
    # acts marked as done jointly ("jointly raided", "a joint sweep") by two countries' forces:
    # code prefix -> cooperation code, and the marker words
    joint_marked: dict = field(default_factory=dict)
    joint_marks: frozenset[str] = field(default=frozenset())
    # families whose governed acts of these roots are coded as the act itself
    family_keeps: dict = field(default_factory=dict)
    # sentences about sport: these verbs are no use of force when a sport cue is present
    sport_lemmas: frozenset[str] = field(default=frozenset())
    sport_cues: frozenset[str] = field(default=frozenset())
    # family -> control lemma -> code when the word governs no coded act ("warned that the
    # outlook had darkened" is a gloomy comment, not a threat)
    family_bare: dict = field(default_factory=dict)
    # verbs that mean a spoken act when they govern a finite clause ("Amnesty protested that
    # the men were held without charge" is a complaint, 114, not a street protest)
    clause_senses: dict = field(default_factory=dict)

    def info(self, code: str) -> CodeInfo:
        return self.codes[code]

    def family_code(self, family: str, governed: str | None) -> str:
        """The code of `family` applied to a governed event code (e.g. appeal + 0871 -> 0256)."""
        if governed and governed[:2] in self.family_keeps.get(family, ()):
            return governed  # "voted to suspend talks": the decision is the act
        table = self.families.get(family, {})
        if governed:
            for key in (governed, governed[:3], governed[:2]):
                if key in table:
                    return table[key]
        return self.family_defaults[family]


def _group(patterns: list[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    by: dict[str, list[Pattern]] = defaultdict(list)
    for p in patterns:
        by[p.lemma].append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in by.items()}


def _unconventional(spec: dict, codes: dict[str, CodeInfo], src) -> dict:
    if not spec:
        return {}
    out = {"codes": frozenset(str(c) for c in spec["codes"]), "lemmas": frozenset(spec["lemmas"]),
           "roles": frozenset(spec["roles"]), "unsourced": frozenset(spec.get("unsourced_lemmas", ())),
           "code": str(spec["code"])}
    if out["code"] not in codes or not out["codes"] <= set(codes):
        raise ValueError(f"{src}: unconventional section uses unknown codes")
    return out


def _subject_rules(items: list, codes: dict[str, CodeInfo], src) -> tuple[SubjectRule, ...]:
    out = []
    for i, spec in enumerate(items or ()):
        code = str(spec["code"])
        rule = SubjectRule(subjects=frozenset(spec["subjects"]), code=code,
                           codes=frozenset(str(c) for c in spec.get("codes", ())),
                           lemmas=frozenset(spec.get("lemmas", ())), name=str(spec.get("name", i)))
        if (code != "none" and code not in codes) or not rule.codes <= set(codes) or not (rule.codes or rule.lemmas):
            raise ValueError(f"{src}: subject rule {rule.name} is malformed or uses unknown codes")
        out.append(rule)
    return tuple(out)


def _clause_senses(spec: dict, codes: dict[str, CodeInfo], src) -> dict[str, str]:
    out = {str(k): str(v) for k, v in spec.items()}
    bad = [c for c in out.values() if c not in codes]
    if bad:
        raise ValueError(f"{src}: clause_senses uses unknown CAMEO codes {bad}")
    return out


def _read_codebook(path: Path | None = None) -> dict[str, CodeInfo]:
    src = path or _DATA / "cameo_codebook.csv"
    with src.open(encoding="utf-8", newline="") as fh:
        return {r["code"]: CodeInfo(code=r["code"], root=r["root"], name=r["name"],
                                    goldstein=float(r["goldstein"]), quad_class=int(r["quad_class"]),
                                    plover=r["plover"] or None, plover_mode=r["plover_mode"] or None)
                for r in csv.DictReader(fh)}


@functools.lru_cache(maxsize=4)
def load_lexicon(predicates_path: str | None = None) -> Lexicon:
    """Load the default ontology, or a user's own predicates file with the same layout."""
    codes = _read_codebook()
    src = Path(predicates_path) if predicates_path else _DATA / "predicates.yaml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))

    def patterns(section: str) -> list[Pattern]:
        out = []
        for code, items in data[section].items():
            code = str(code)
            if code not in codes:
                raise ValueError(f"{src}: {section} uses unknown CAMEO code {code!r}")
            out.extend(parse_pattern(str(i), code) for i in items)
        return out

    verb_patterns = patterns("verbs")
    noun_patterns = patterns("nouns")
    control_verbs: dict[str, list[tuple[Pattern, str]]] = defaultdict(list)
    control_nouns: dict[str, str] = {}
    defaults: dict[str, str] = {}
    complement_only: set[str] = set()
    subjunctive_only: set[str] = set()
    for family, spec in data["controls"].items():
        defaults[family] = str(spec["default"])
        for v in spec.get("verbs", []):
            pat = parse_pattern(str(v), defaults[family])
            control_verbs[pat.lemma].append((pat, family))
        for v in spec.get("infinitive_verbs", []):
            pat = parse_pattern(str(v), defaults[family])
            control_verbs[pat.lemma].append((pat, family))
            complement_only.add(pat.lemma)
        for v in spec.get("subjunctive_verbs", []):
            pat = parse_pattern(str(v), defaults[family])
            control_verbs[pat.lemma].append((pat, family))
            subjunctive_only.add(pat.lemma)
        for n in spec.get("nouns", []):
            control_nouns[str(n)] = family
    families = {f: {str(k): str(v) for k, v in t.items()} for f, t in data["families"].items()}
    keeps: dict[str, frozenset[str]] = {}
    for family, spec in data["controls"].items():
        if spec.get("like"):  # a family that reads governed acts as another family does
            families.setdefault(family, dict(families[spec["like"]]))
        if spec.get("keeps_roots"):
            keeps[family] = frozenset(str(r) for r in spec["keeps_roots"])
    bare: dict[str, dict[str, str]] = {}
    for family, spec in data["controls"].items():
        if spec.get("bare"):
            bare[family] = {str(k): str(v) for k, v in spec["bare"].items()}
            if any(c not in codes for c in bare[family].values()):
                raise ValueError(f"{src}: family {family} bare codes unknown")
    for f, table in families.items():
        bad = [c for c in (*table.values(), defaults.get(f, "")) if c not in codes]
        if bad:
            raise ValueError(f"{src}: family {f} maps to unknown codes {bad}")
    symmetric = frozenset(c for c in codes if c[:2] == "04" and c not in ("042", "043"))
    return Lexicon(
        codes=codes, verbs=_group(verb_patterns), nouns=_group(noun_patterns),
        light_verbs=frozenset(str(v) for v in data["light_verbs"]),
        control_verbs={k: tuple(sorted(v, key=lambda pf: -pf[0].specificity)) for k, v in control_verbs.items()},
        control_nouns=control_nouns, family_defaults=defaults, families=families,
        symmetric_codes=symmetric, complement_controls=frozenset(complement_only),
        subjunctive_controls=frozenset(subjunctive_only),
        unconventional=_unconventional(data.get("unconventional") or {}, codes, src),
        subject_rules=_subject_rules(data.get("subject_rules") or [], codes, src),
        phrasal_idioms=frozenset(str(x) for x in data.get("phrasal_idioms") or ()),
        joint_codes={str(k): str(v) for k, v in (data.get("joint_codes") or {}).items()},
        joint_marked={str(k): str(v) for k, v in ((data.get("joint_marked") or {}).get("codes") or {}).items()},
        joint_marks=frozenset(str(m) for m in (data.get("joint_marked") or {}).get("marks") or ()),
        family_keeps=keeps,
        sport_lemmas=frozenset((data.get("sport") or {}).get("lemmas", ())),
        sport_cues=frozenset((data.get("sport") or {}).get("cues", ())),
        family_bare=bare, clause_senses=_clause_senses(data.get("clause_senses") or {}, codes, src))
