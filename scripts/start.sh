#!/usr/bin/env bash
# `npm start`: the studio, an app store and a personal box together on this machine
# (`databox up`, stack/README.md), their data in ./databox-data. Builds dist/ first when a
# source is newer than the last build (the box's process driver and the studio's workspaces
# run dist/), so a changed checkout runs what it holds.
# Extra arguments go to `databox up`, e.g. `npm start -- --driver process --box-port 8081`.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.built
sources=(core nodes runtime builder box store-app editor collector scripts/copy-assets.js package.json tsconfig.build.json)
if [ ! -f "$stamp" ] || [ -n "$(find "${sources[@]}" -newer "$stamp" -type f -not -path '*/node_modules/*' -print -quit)" ]; then
  echo "databox: building dist/ (npm run build)"
  npm run --silent build
fi
exec node cli/databox.js up "$@"
