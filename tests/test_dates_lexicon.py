"""rules/lexicon/dates.toml: every [[example]] gives its date, every
[[not_example]] none, and the tables the date reader builds on are whole."""
from __future__ import annotations

from datetime import date

import pytest

from factlint.extract.dates import extract, words


@pytest.mark.parametrize("ex", words.EXAMPLES, ids=lambda ex: ex["text"])
def test_example(ex):
    found = [m for m in extract(ex["text"], date.fromisoformat(ex["published"])) if m.text == ex["date"]]
    assert found, f"no date {ex['date']!r} in {ex['text']!r}"
    m = found[0]
    assert [m.period_start.isoformat(), m.period_end.isoformat()] == ex["period"], m.notes


@pytest.mark.parametrize("ex", words.NOT_EXAMPLES, ids=lambda ex: ex["text"])
def test_not_example(ex):
    assert extract(ex["text"], date.fromisoformat(ex["published"])) == []


def test_month_and_weekday_numbers_follow_the_lists():
    assert words.MONTH_NUM["sep"] == 9 and words.MONTH_NUM["may"] == 5 and len(words.MONTH_NUM) == 12
    assert words.WEEKDAY_NUM["mon"] == 0 and words.WEEKDAY_NUM["sun"] == 6
    assert all(a[:3].lower() in words.MONTH_NUM for a in words.MONTH_ABBR)
    assert all(a[:3].lower() in words.WEEKDAY_NUM for a in words.WEEKDAY_ABBR)


def test_every_direction_word_is_read():
    for word, (sign, _) in words.DIRECTIONS.items():
        m = extract(f"It shipped 3 days {word}.", date(2026, 2, 10))
        assert m and m[0].text == f"3 days {word}", word
        assert (m[0].period_start - date(2026, 2, 10)).days == 3 * sign, word


def test_a_broken_lexicon_names_the_file_and_key(monkeypatch):
    monkeypatch.setitem(words.DATA, "weekdays", [])
    with pytest.raises(words.LexiconError, match=r"dates\.toml: weekdays"):
        words._get("weekdays", list)
