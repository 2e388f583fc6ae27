"""kg stats: counts and coverage of the reading edition's ids."""

from __future__ import annotations

from conftest import graph_of
from helpers import run_kg

from kg.stats import coverage, reading_edition


def test_every_reading_edition_id_is_covered(nquads):
    report = coverage(graph_of(nquads))
    assert report.missing == {key: [] for key in report.coverage}
    assert report.coverage["R"] == (89, 89)
    assert report.coverage["C"] == (48, 48)
    assert report.coverage["T1/F1"] == (2, 2)


def test_index_lists_the_edition_families():
    index = reading_edition()
    assert index["ranges"] == {"R": 89, "C": 48, "N": 13, "L": 8}
    assert sorted(index["entities"]) == [f"B{i}" for i in range(1, 9)]


def test_coverage_notices_a_missing_citation(nquads):
    broken = b"".join(line for line in nquads.splitlines(keepends=True)
                      if b'"C17"' not in line)
    assert coverage(graph_of(broken)).missing["C"] == ["C17"]


def test_stats_command_prints_counts_and_coverage():
    proc = run_kg("stats")
    assert proc.returncode == 0, proc.stderr
    assert "coverage of the reading edition's ids:" in proc.stdout
    assert "Claim" in proc.stdout

