"""`coverage-bot timeline [--json]` and `coverage-bot index` on the seed corpus."""

from __future__ import annotations

import json
from pathlib import Path

from bot.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_timeline_json_is_a_chronological_list_of_events(capsys):
    assert main(["--corpus", str(SEEDS), "timeline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert len(events) >= 2
    assert all({"date", "label", "text", "sources"} <= e.keys() for e in events)
    assert any("2025" in e["label"] for e in events)
    assert all(e["sources"] and set(e["sources"]) <= {"ТАСС", "РАПСИ"} for e in events)


def test_timeline_text_has_one_line_per_event(capsys):
    assert main(["--corpus", str(SEEDS), "timeline", "--json"]) == 0
    count = len(json.loads(capsys.readouterr().out))
    assert main(["--corpus", str(SEEDS), "timeline"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if " — " in line]
    assert len(lines) == count


def test_index_reports_the_build_and_whether_the_cache_was_written(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(tmp_path / "caches"))
    assert main(["--corpus", str(SEEDS), "index"]) == 0
    out = capsys.readouterr().out
    assert "articles: 2," in out and "built in" in out and "cache written in" in out
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("COVERAGE_BOT_CACHE", str(blocker))
    assert main(["--corpus", str(SEEDS), "index"]) == 0
    assert "cache NOT written" in capsys.readouterr().out
