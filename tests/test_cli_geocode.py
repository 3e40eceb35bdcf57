"""`geoevents geocode NAME [--country CC] [--limit N]`, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FIELDS = {
    "geonameid",
    "name",
    "lat",
    "lon",
    "feature_code",
    "country_code",
    "admin1",
    "population",
    "score",
}


def geocode(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geoevents", "geocode", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_kyiv():
    proc = geocode("Kyiv")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert isinstance(out, list) and out
    first = out[0]
    assert set(first) >= FIELDS
    assert first["geonameid"] == 703448 and first["name"] == "Kyiv"
    assert abs(first["lat"] - 50.45466) < 0.01 and abs(first["lon"] - 30.5238) < 0.01
    assert first["feature_code"] == "PPLC" and first["country_code"] == "UA"
    assert first["admin1"] and first["population"] > 2_000_000
    assert first["score"] == max(item["score"] for item in out)
    assert all(set(item) >= FIELDS for item in out)


def test_non_latin_name_and_limit():
    proc = geocode("Київ", "--limit", "1")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert len(out) == 1 and out[0]["geonameid"] == 703448


def test_country_filter():
    proc = geocode("Paris", "--country", "US", "--limit", "5")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert 1 <= len(out) <= 5 and {item["country_code"] for item in out} == {"US"}


def test_unknown_name_prints_empty_array():
    proc = geocode("Qwzxvblorp")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


@pytest.mark.parametrize(
    "args",
    [
        (),  # missing name
        ("Kyiv", "--limit", "0"),
        ("Kyiv", "--limit", "-3"),
        ("Kyiv", "--limit", "many"),
        ("Kyiv", "--country", "XYZ"),
        ("Kyiv", "--country", "1A"),
        ("Kyiv", "--no-such-option"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args):
    proc = geocode(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("geoevents: error:")
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
