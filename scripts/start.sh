#!/usr/bin/env bash
# `npm start`: the studio, an app store and a personal box together on this machine
# (`databox up`, stack/README.md), their data in ./databox-data. Builds dist/ first (the box's
# process driver and the studio's workspaces run it), so a changed checkout runs what it holds.
# Extra arguments go to `databox up`, e.g. `npm start -- --driver process --box-port 8081`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
exec node cli/databox.js up "$@"
