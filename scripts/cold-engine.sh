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
project_images() {
  { docker images --format '{{.Repository}}:{{.Tag}} {{.ID}}' | awk '$1 ~ /^databox(-test|-bench)?\// {print $2}';
    docker images -a --filter 'label=io.databox.type' -q;
    docker images -a --filter 'label=io.databox.test' -q; } | sort -u
}
docker ps -a -q --filter 'label=io.databox.test' | xargs -r docker rm -f >/dev/null
# A base image with children cannot be removed in the same pass as them ("has dependent child
# images"): passes until none is left (a chain of bases is at most a few deep).
for _pass in 1 2 3 4 5; do
  ids=$(project_images)
  [ -z "$ids" ] && break
  # shellcheck disable=SC2086
  docker rmi -f $ids >/dev/null 2>&1 || true
done
left=$(project_images)
if [ -n "$left" ]; then
  echo "cold-engine: could not remove these images of the project (a container of another project uses them?):" >&2
  docker images --format '  {{.Repository}}:{{.Tag}} {{.ID}}' | grep -F -f <(echo "$left") >&2 || true
  exit 1
fi
docker image prune -f >/dev/null
echo "cold-engine: $(docker images -a -q | wc -l) images left on the engine, none of this project's:"
docker images --format '  {{.Repository}}:{{.Tag}}' | grep -v '^  <none>' || true
