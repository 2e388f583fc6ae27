"""Running the installed ``kg`` command the way a user does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KG = Path(sys.executable).parent / "kg"


def run_kg(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` and capture its output (text)."""
    return subprocess.run([str(KG), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def assert_one_line_error(proc: subprocess.CompletedProcess, *fragments: str) -> None:
    """A failure: non-zero exit, one line on stderr containing every fragment, no traceback."""
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
