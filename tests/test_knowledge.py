"""Rule and lexicon files are validated; errors name the file and the key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factlint.knowledge import ConfigError, Knowledge, default_rules_dir

RULES = default_rules_dir()


def _copy(tmp_path: Path) -> Path:
    dst = tmp_path / "rules"
    shutil.copytree(RULES, dst)
    return dst


def test_shipped_rules_load():
    kb = Knowledge.load(RULES)
    ids = {r.id for r in kb.rules}
    assert {"value-agreement", "revision"} <= ids
    assert kb.rates.per_usd("USD", 2024) == 1.0


def test_bad_severity_names_file_and_key(tmp_path):
    rules = _copy(tmp_path)
    (rules / "broken.toml").write_text(
        '[[rule]]\nid = "x"\nkind = "value-agreement"\nseverity = "fatal"\ndescription = "d"\n'
    )
    with pytest.raises(ConfigError) as err:
        Knowledge.load(rules)
    msg = str(err.value)
    assert "broken.toml" in msg and "rule[0].severity" in msg


def test_unknown_key_is_rejected(tmp_path):
    rules = _copy(tmp_path)
    (rules / "broken.toml").write_text(
        '[[rule]]\nid = "x"\nkind = "value-agreement"\nseverity = "error"\ndescription = "d"\ntolerence = 3\n'
    )
    with pytest.raises(ConfigError, match=r"broken.toml: rule\[0\].tolerence"):
        Knowledge.load(rules)


def test_unknown_kind_is_rejected(tmp_path):
    rules = _copy(tmp_path)
    (rules / "broken.toml").write_text('[[rule]]\nid = "x"\nkind = "telepathy"\nseverity = "error"\ndescription = "d"\n')
    with pytest.raises(ConfigError, match="unknown kind 'telepathy'"):
        Knowledge.load(rules)


def test_invalid_toml_names_file(tmp_path):
    rules = _copy(tmp_path)
    (rules / "broken.toml").write_text("[[rule]\nid = ")
    with pytest.raises(ConfigError, match="broken.toml: invalid TOML"):
        Knowledge.load(rules)


def test_unsafe_expression_is_rejected(tmp_path):
    rules = _copy(tmp_path)
    (rules / "broken.toml").write_text(
        '[[rule]]\nid = "x"\nkind = "value-agreement"\nseverity = "error"\ndescription = "d"\n'
        'when = "__import__(\'os\').system(\'true\')"\n'
    )
    with pytest.raises(ConfigError, match=r"rule\[0\].when"):
        Knowledge.load(rules)


def test_duplicate_rule_id(tmp_path):
    rules = _copy(tmp_path)
    (rules / "zz-dup.toml").write_text('[[rule]]\nid = "revision"\nkind = "revision"\nseverity = "info"\ndescription = "d"\n')
    with pytest.raises(ConfigError, match="already defined"):
        Knowledge.load(rules)


def test_bad_entity_parent(tmp_path):
    rules = _copy(tmp_path)
    path = rules / "lexicon" / "entities.toml"
    path.write_text(path.read_text() + '\n[[entity]]\nid = "orphan-co"\nname = "Orphan"\nparent = "no-such-entity"\nrelation = "part-of"\n')
    with pytest.raises(ConfigError, match="entities.toml: .*parent: unknown entity id 'no-such-entity'"):
        Knowledge.load(rules)


def test_digest_changes_with_any_rule_file(tmp_path):
    rules = _copy(tmp_path)
    before = Knowledge.load(rules).digest
    rates = rules / "lexicon" / "rates.toml"
    rates.write_text(rates.read_text().replace("band = 0.08", "band = 0.09"))
    assert Knowledge.load(rules).digest != before


def test_rate_lookup_takes_nearest_year():
    kb = Knowledge.load(RULES)
    assert kb.rates.per_usd("CNY", 2024) == pytest.approx(7.19)
    assert kb.rates.per_usd("CNY", 2031) == kb.rates.per_usd("CNY", 2026)
    assert kb.rates.convert(100, "USD", "CNY", 2024) == pytest.approx(719)
    assert kb.rates.per_usd("XXX", 2024) is None


def test_when_condition_filters_findings_and_unknown_names_are_rejected(tmp_path):
    import shutil

    from factlint.check import run_rules
    from factlint.ingest import parse
    from factlint.pipeline import analyse

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir() / "lexicon", rules / "lexicon")
    body = ('[[rule]]\nid = "big-gaps"\nkind = "value-agreement"\nseverity = "error"\ndescription = "d"\n'
            'tolerance = { relative = 0.01 }\nwhen = "gap >= 0.5"\n')
    (rules / "r.toml").write_text(body, encoding="utf-8")
    kb = Knowledge.load(rules)
    texts = ["---\npublished: 2025-03-01\n---\nHarbor Kinetics reported revenue of $120 million for 2024.\n",
             "---\npublished: 2025-04-02\n---\nIn 2024, Harbor Kinetics brought in revenue of {} million.\n"]
    small = [analyse(parse(texts[0], "a.md", "md"), kb), analyse(parse(texts[1].replace("{}", "$150"), "b.md", "md"), kb)]
    large = [analyse(parse(texts[0], "a.md", "md"), kb), analyse(parse(texts[1].replace("{}", "$300"), "b.md", "md"), kb)]
    assert run_rules(small, kb) == []  # a 25% gap is below the rule's 50%
    assert len(run_rules(large, kb)) == 1
    (rules / "r.toml").write_text(body.replace("gap >= 0.5", "spread >= 0.5"), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"r.toml: rule\[0\].when: .*unknown name\(s\) spread"):
        Knowledge.load(rules)
