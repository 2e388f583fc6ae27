"""kg stats: counts and coverage of the reading edition's ids."""

from __future__ import annotations

from helpers import run_kg
from kg.stats import EXPECTED, coverage


def test_citations_and_blocks_fully_covered(nquads):
    report = coverage(nquads)
    assert report.coverage["C"] == (48, 48)
    assert report.coverage["T1/F1"] == (2, 2)


def test_expected_id_families():
    assert EXPECTED == {"R": 89, "C": 48, "N": 13, "L": 8}


def test_stats_command_prints_counts_and_coverage():
    proc = run_kg("stats")
    assert proc.returncode == 0, proc.stderr
    assert "coverage of the reading edition's ids:" in proc.stdout
    assert "Claim" in proc.stdout
