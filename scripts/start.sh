#!/usr/bin/env bash
# Runs the product. For now: the builder CLI on the example flow (later: studio + store + box).
# It compiles examples/host-load/flows.json into an app bundle and shows what it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tmp/host-load-app
npx databox build examples/host-load/flows.json --out "$out" --tarball "$out.tar.gz"
echo
echo "== $out/databox-manifest.json"
cat "$out/databox-manifest.json"
echo
echo "== $out/Dockerfile"
cat "$out/Dockerfile"
