#!/usr/bin/env bash
# Provision what the tests need, idempotently: each step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/provision/lib.sh
for step in scripts/provision/[0-9]*.sh; do
  source "$step"
done
