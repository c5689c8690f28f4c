#!/usr/bin/env bash
# The whole test suite: notebooks and library in sync, README from index.ipynb, every notebook, then pytest.
# Extra arguments go to pytest (e.g. `tools/test.sh -k models`). PLMNB_TEST_FLAGS="slow" also runs slow notebook cells.
set -uo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1  # tests never touch the network
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false MPLBACKEND=Agg
# an empty Hugging Face cache: what the tests list must not depend on what this machine has downloaded
HF_HUB_CACHE=$(mktemp -d); export HF_HUB_CACHE; trap 'rm -rf "$HF_HUB_CACHE"' EXIT

step() { printf '\n== %s\n' "$*"; }

step "notebooks and library in sync (nbdev_clean, tools/nbmeta.py, nbdev_export)"
state() { git status --porcelain --untracked-files=all -- nbs plmnb; git diff -- nbs plmnb | sha1sum; }
before=$(state)
nbdev_clean >/dev/null && python tools/nbmeta.py && nbdev_export || exit 1
if [ "$before" != "$(state)" ]; then
  echo "FAIL: notebooks and library out of sync: nbdev_clean/nbmeta/nbdev_export changed files. Commit what they wrote:"
  git status --short -- nbs plmnb
  exit 1
fi
echo ok

step "README.md made from nbs/index.ipynb"
python tools/readme.py --check || exit 1

step "notebooks (nbdev_test; cells flagged slow/gpu skipped unless PLMNB_TEST_FLAGS names them)"
nbdev_test --n_workers 2 --timing ${PLMNB_TEST_FLAGS:+--flags "$PLMNB_TEST_FLAGS"} || exit 1

step "pytest"
python -m pytest -q tests "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi
exit $rc
