"""Kept so older instructions still work: runs the whole benchmark, ``python -m bench``.

The start-up figures and the large-profile figures are lines of its output;
see bench/README.md.
"""

import os
import sys
from pathlib import Path

os.chdir(Path(__file__).resolve().parent.parent)
os.execv(sys.executable, [sys.executable, "-m", "bench", *sys.argv[1:]])
