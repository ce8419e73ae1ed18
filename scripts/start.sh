#!/usr/bin/env bash
# Runs the product. For now: the builder CLI on the example flow (later: studio + store + box).
set -euo pipefail
cd "$(dirname "$0")/.."
npx databox build examples/host-load/flows.json --out tmp/host-load-app
