#!/usr/bin/env bash
# Creates (or refreshes) the project-local Python environment .venv-NAME from a pinned
# requirements file: `scripts/python-venv.sh NAME python/requirements-NAME.txt`. Nothing is
# installed outside the project. Reinstalls only when the requirements file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 requirements=$2
venv=.venv-$name
if [ ! -x "$venv/bin/python" ]; then
  echo "python-venv: creating $venv"
  python3 -m venv "$venv" || {
    echo "python-venv: python3 -m venv failed; on Debian/Ubuntu install python3-venv" >&2
    exit 1
  }
fi
if [ ! -f "$venv/.installed" ] || [ "$requirements" -nt "$venv/.installed" ]; then
  echo "python-venv: installing $requirements into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  touch "$venv/.installed"
fi
