#!/usr/bin/env bash
# Makes the Docker engine cold for this project, as on a new machine: removes every image the
# project made (databox/*, including the local node base image, and anything labelled
# io.databox.*) and the build steps they leave. Other images are left alone. Then run the test
# command: `npm test` provisions the base image again and every test builds what it needs.
# Usage: bash scripts/cold-engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# The engine must answer (a new session has none running): the test command's own Docker step.
source scripts/provision/lib.sh
source scripts/provision/10-docker.sh
ids=$( { docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | awk '$1 ~ /^databox(-test|-bench)?\// {print $2}';
         docker images -a --filter 'label=io.databox.type' -q;
         docker images -a --filter 'label=io.databox.test' -q; } | sort -u)
if [ -n "$ids" ]; then
  docker ps -a -q --filter 'label=io.databox.test' | xargs -r docker rm -f >/dev/null
  # shellcheck disable=SC2086
  docker rmi -f $ids >/dev/null 2>&1 || true
fi
docker image prune -f >/dev/null
echo "cold-engine: $(docker images -a -q | wc -l) images left on the engine, none of this project's:"
docker images --format '  {{.Repository}}:{{.Tag}}' | grep -v '^  <none>' || true
