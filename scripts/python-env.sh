#!/usr/bin/env bash
# A project-local Python (.venv/) with the pinned NumPy that the exported scripts' test runs
# (tests/js/python-export.test.mjs). Idempotent; never touches the system's Python packages.
set -euo pipefail
cd "$(dirname "$0")/.."
NUMPY=2.2.6
if .venv/bin/python -c "import numpy, sys; sys.exit(numpy.__version__ != '$NUMPY')" 2>/dev/null; then
  exit 0
fi
if ! command -v python3 >/dev/null; then
  echo "python-env: python3 is needed (Debian/Ubuntu: apt-get install python3 python3-venv)" >&2
  exit 1
fi
echo "python-env: making .venv with numpy==$NUMPY"
rm -rf .venv
if ! python3 -m venv .venv; then
  echo "python-env: python3 -m venv failed; on Debian/Ubuntu install python3-venv" >&2
  exit 1
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check "numpy==$NUMPY"
