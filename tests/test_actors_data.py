"""Every row of the actor vocabulary is well formed: known codes, roles, dates."""

from __future__ import annotations

import csv
import datetime as dt

import pycountry
import pytest
import yaml

from herald.actors.lexicon import DATA_DIR, ROLES, _plural_phrase, load_lexicon

HISTORICAL = {"SUN", "YUG", "CSK", "DDR", "XKX"}


def _iso_codes() -> set[str]:
    codes = {c.alpha_3 for c in pycountry.countries} | HISTORICAL
    with (DATA_DIR / "countries_generated.csv").open(encoding="utf-8") as fh:
        codes |= {r["iso3"] for r in csv.DictReader(fh)}
    return codes


def _load(name):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def test_generated_countries_cover_every_iso_country_with_a_name():
    with (DATA_DIR / "countries_generated.csv").open(encoding="utf-8") as fh:
        rows = {r["iso3"]: r for r in csv.DictReader(fh)}
    assert {c.alpha_3 for c in pycountry.countries} <= set(rows)
    assert all(r["names"] for r in rows.values())
    assert rows["RUS"]["capital"] == "Moscow"


def test_countries_yaml_uses_known_codes_and_roles():
    iso = _iso_codes()
    doc = _load("countries.yaml")
    for section in ("aliases", "demonyms", "capitals", "display", "historical"):
        bad = [k for k in doc[section] if k not in iso]
        assert not bad, (section, bad)
    for seat in doc["seats"]:
        assert seat["code"][:3] in iso and seat["code"][3:] in ROLES, seat
    assert len(doc["demonyms"]) >= 190


def test_roles_yaml_rows_are_valid():
    doc = _load("roles.yaml")
    for key, spec in doc["roles"].items():
        assert key == key.lower(), key
        assert spec["role"] is None or spec["role"] in ROLES, key
    assert set(doc["needs_owner"]) <= set(doc["roles"])


def test_organisations_have_known_countries_roles_and_kinds():
    iso = _iso_codes()
    seen = set()
    for org in _load("organisations.yaml")["organisations"]:
        assert org["country"] is None or org["country"] in iso, org["name"]
        assert org["role"] in ROLES, org["name"]
        assert org["kind"] in ("organisation", "group", "igo", "ngo"), org["name"]
        if org["country"]:
            assert org["code"] == org["country"] + org["role"], org["name"]
        assert org["name"] not in seen
        seen.add(org["name"])


def test_persons_roles_parse_and_are_ordered():
    iso = _iso_codes()
    orgs = {o["code"] for o in _load("organisations.yaml")["organisations"]}
    names = set()
    for p in _load("persons.yaml")["persons"]:
        assert p["name"] not in names, p["name"]
        names.add(p["name"])
        assert p["roles"], p["name"]
        for owner, role, title, start, end in p["roles"]:
            assert owner in iso or owner in orgs, (p["name"], owner)
            assert role in ROLES, (p["name"], role)
            assert isinstance(title, str) and title
            start = dt.date.fromisoformat(str(start))
            if end is not None:
                assert start <= dt.date.fromisoformat(str(end)), p["name"]
    assert len(names) >= 150


def test_lexicon_tables_and_plurals():
    lex = load_lexicon()
    assert lex.names[("russian",)].actor.country == "RUS"
    assert lex.names[("russians",)].kind == "demonym"
    assert lex.exact[("IDF",)].actor.code == "ISRMIL"
    assert lex.roles[("heads", "of", "state")].role == "GOV"
    assert lex.roles[("soldiers",)].role == "MIL"
    assert _plural_phrase("army") == "armies" and _plural_phrase("policeman") == "policemen"
    assert lex.title_class("prime minister") == "head_of_government"


@pytest.mark.parametrize("name,iso", [("Britain", "GBR"), ("U.S.", "USA"), ("Burma", "MMR"), ("West Bank", "PSE"),
                                      ("Soviet Union", "SUN"), ("Kosovo", "XKX"), ("Ivory Coast", "CIV")])
def test_country_aliases(name, iso):
    from herald.actors.lexicon import _read_yaml  # noqa: F401  (tables come from data files)
    lex = load_lexicon()
    import spacy
    key = tuple(t.text for t in spacy.blank("en").tokenizer(name))
    e = lex.exact.get(key) or lex.names.get(tuple(k.lower() for k in key))
    assert e is not None and e.actor.country == iso
