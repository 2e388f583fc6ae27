"""The scripts in examples/ run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(script: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_sparql_session(tmp_path):
    out = run("sparql_session.py", cwd=tmp_path)
    assert "Turkey supported Republic of Azerbaijan" in out
    assert "s10-2-russia-obstructed" in out


def test_centrality(tmp_path):
    out = run("centrality.py", cwd=tmp_path)
    assert "actors by degree centrality" in out and "Russia" in out


def test_network_page(tmp_path):
    out = run("network_page.py", str(tmp_path / "pages"), cwd=tmp_path)
    assert (tmp_path / "pages" / "alliances.html").stat().st_size > 100_000
    assert (tmp_path / "pages" / "alliances.graphml").exists()
    assert "wrote" in out
