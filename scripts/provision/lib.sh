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
pid_alive() {
  # A process that really runs: not gone, and not a zombie left by a killed session (a
  # container's init may never reap it, and `kill -0` still succeeds on zombies).
  [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status"
}
clear_stale_pidfile() {
  # clear_stale_pidfile <file>: remove a pid file whose process no longer runs, so a daemon
  # killed with the previous session (or CI run) can start again.
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(head -n 1 "$file" | tr -dc '0-9')
  if [ -z "$pid" ] || ! pid_alive "$pid"; then rm -f "$file"; fi
}
