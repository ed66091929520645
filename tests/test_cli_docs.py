"""Every command and option of the CLI is documented (docs/CLI.md), and every merge rule is
explained in the rules file users edit: a setting cannot ship undocumented."""

from __future__ import annotations

import re
from pathlib import Path

import click

from herald.cli import main
from herald.merging import MergeRules

ROOT = Path(__file__).resolve().parents[1]


def test_every_command_and_option_is_in_docs_cli_md():
    doc = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    ctx = click.Context(main, info_name="herald")
    missing = []
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        section = re.search(rf"^## herald {re.escape(name)}\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
        if section is None:
            missing.append(f"herald {name}")
            continue
        for p in cmd.params:
            if isinstance(p, click.Option) and not (p.help or "").strip():
                missing.append(f"herald {name} {p.opts[0]} (no help text)")
            for opt in getattr(p, "opts", []) + getattr(p, "secondary_opts", []):
                if opt.startswith("-") and f"`{opt}`" not in section.group(1):
                    missing.append(f"herald {name} {opt}")
        if not (cmd.help or "").strip():
            missing.append(f"herald {name} (no help text)")
    assert not missing, f"undocumented (run tools/cli_reference.py): {missing}"


def test_every_merge_rule_is_explained_in_rules_yaml():
    text = (ROOT / "herald" / "merging" / "data" / "rules.yaml").read_text(encoding="utf-8")
    comments = "\n".join(ln for ln in text.splitlines() if ln.lstrip().startswith("#"))
    for name in MergeRules.__dataclass_fields__:
        assert re.search(rf"^{name}:", text, re.M), f"{name} has no value in rules.yaml"
        assert name in comments or name == "families", f"{name} is not explained in a rules.yaml comment"
