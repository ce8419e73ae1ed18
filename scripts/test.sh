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
  mapfile -t files < <(find core nodes runtime builder box store-app editor collector cli test -name '*.test.ts' -not -path '*/node_modules/*' 2>/dev/null | sort)
fi
echo "== tests (${#files[@]} files)"
exec node --import tsx --test --test-reporter=spec --test-concurrency=2 "${files[@]}"
