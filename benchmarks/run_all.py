"""`make bench`: every benchmark, each figure printed beside a baseline measured in the same run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ("startup.py", "startup_vs_before.py", "store_ops.py", "memory.py", "cpu_breathing.py", "keys.py")


def main() -> int:
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed companion has its .pyc files; measure that
    failed = 0
    for script in SCRIPTS:
        print(f"\n== {script}", flush=True)
        failed |= subprocess.run([sys.executable, str(HERE / script)], cwd=HERE, env=env).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
