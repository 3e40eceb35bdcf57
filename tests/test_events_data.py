"""The event data files: their documented columns, and the recipe that rebuilds them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geoevents.events.lexicon import DATA_DIR, load_actors, load_cameo, load_iso3, load_triggers
from geoevents.events.recipe import main as recipe_main

SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "event-sources"
COLUMNS = {
    "triggers_": ["phrase", "pos", "event_type", "mode", "cameo", "forms"],
    "actors_": ["name", "country", "start_year", "end_year", "kind"],
    "cameo_plover.tsv": ["cameo", "event_type", "mode"],
    "countries.tsv": ["iso2", "iso3", "name"],
}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
          "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
          "ASSAULT", ""}  # fmt: skip


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                return line.rstrip("\n").split("\t")
    return []


def test_every_tsv_has_its_documented_columns():
    for path in DATA_DIR.glob("*.tsv"):
        want = next(v for k, v in COLUMNS.items() if path.name.startswith(k) or path.name == k)
        assert _header(path) == want, path.name


def test_lexicon_types_are_plover_and_actors_iso3():
    lex = load_triggers()
    types = {e.event_type for slot in lex.forms.values() for e in slot.values()}
    assert types <= PLOVER
    iso3 = set(load_iso3().values()) | {"IGO", "NGO"}
    assert all(a.country in iso3 for actors in load_actors().values() for a in actors)
    assert load_cameo()["195"][0] == "ASSAULT"


def test_rules_file_is_valid_json_with_every_section():
    rules = json.loads((DATA_DIR / "rules.json").read_text(encoding="utf-8"))
    for section in ("location", "actors", "modes", "dates", "quantities", "coreference",
                    "intent", "cue_spans", "context_overrides"):  # fmt: skip
        assert section in rules


def test_petrarch2_licence_notice_is_shipped():
    text = (DATA_DIR / "LICENSE-petrarch2.txt").read_text(encoding="utf-8")
    assert "MIT" in text and "Permission is hereby granted" in text


@pytest.mark.skipif(not SOURCES.exists(), reason="../shared/event-sources not found")
def test_recipe_rebuilds_the_committed_generated_files(tmp_path, capsys):
    assert recipe_main([str(SOURCES), "-o", str(tmp_path)]) == 0
    for name in ("triggers_petrarch2.tsv", "actors_petrarch2.tsv", "cameo_plover.tsv",
                 "countries.tsv", "LICENSE-petrarch2.txt"):  # fmt: skip
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
    assert "verb triggers" in capsys.readouterr().out


def test_recipe_reports_a_missing_source_folder(tmp_path, capsys):
    assert recipe_main([str(tmp_path / "nowhere"), "-o", str(tmp_path)]) == 1
    assert "error" in capsys.readouterr().err


def test_generated_rows_parse_as_tsv():
    with open(DATA_DIR / "triggers_petrarch2.tsv", encoding="utf-8") as fh:
        rows = list(csv.reader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    assert len(rows) > 500 and all(len(r) == 6 for r in rows)
