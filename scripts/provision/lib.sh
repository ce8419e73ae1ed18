# Shared helpers for the provision scripts (sourced, not run).
apt_updated=""
apt_install() {
  # Install Debian packages once; `apt-get update` only the first time it is needed.
  if [ -z "$apt_updated" ]; then apt-get update -qq >/dev/null; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_for() {
  # wait_for <seconds> <command...>: poll until the command succeeds.
  local limit=$1; shift
  for _ in $(seq 1 "$((limit * 5))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}
