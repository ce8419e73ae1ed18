#!/usr/bin/env bash
# The whole test command: provision (Docker engine, base image, Chromium, PostgreSQL),
# build, type-check, lint, then every test with Node's built-in runner.
# Usage: npm test [-- <test files...>]   (no files: every *.test.ts)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/provision.sh
echo "== build";     npm run --silent build
echo "== typecheck"; npm run --silent typecheck
echo "== lint";      npm run --silent lint

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(find core nodes runtime builder box store-app editor collector cli stack deploy test -name '*.test.ts' -not -path '*/node_modules/*' 2>/dev/null | sort)
fi
# *.swarm.test.ts run last and alone: swarm mode adds and removes network interfaces, which
# aborts the page loads of other tests' Chromium (test/README.md).
together=(); alone=()
for file in "${files[@]}"; do
  case "$file" in *.swarm.test.ts) alone+=("$file") ;; *) together+=("$file") ;; esac
done
status=0
if [ "${#together[@]}" -gt 0 ]; then
  echo "== tests (${#together[@]} files)"
  node --import tsx --test --test-reporter=spec --test-concurrency=2 "${together[@]}" || status=$?
fi
if [ "${#alone[@]}" -gt 0 ]; then
  echo "== swarm tests, alone (${#alone[@]} files)"
  node --import tsx --test --test-reporter=spec --test-concurrency=1 "${alone[@]}" || status=$?
fi
exit "$status"
