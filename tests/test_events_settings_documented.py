"""Every coder setting is documented in the README's settings table (datasette's habit: a
knob nobody can find is a knob nobody can trust)."""

import dataclasses
import re
from pathlib import Path

from herald.events import CoderSettings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_coder_setting_has_a_readme_row():
    text = README.read_text(encoding="utf-8")
    section = text.split("### Coder settings", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M))
    fields = {f.name for f in dataclasses.fields(CoderSettings)}
    assert fields - rows == set(), f"settings missing from README: {sorted(fields - rows)}"
    assert rows - fields == set(), f"README rows for settings that do not exist: {sorted(rows - fields)}"


def test_readme_defaults_match_the_code():
    text = README.read_text(encoding="utf-8")
    section = text.split("### Coder settings", 1)[1].split("\n## ", 1)[0]
    defaults = CoderSettings()
    for name, shown in re.findall(r"^\| `([a-z_]+)` \| `([^`]+)` \|", section, flags=re.M):
        assert shown == repr(getattr(defaults, name)), f"{name}: README says {shown}, code says {getattr(defaults, name)!r}"
