# A Docker engine: Debian's docker.io, dockerd started in the background when not answering.
if ! command -v dockerd >/dev/null 2>&1; then
  echo "provision: installing docker.io"
  apt_install docker.io
fi
if ! docker info >/dev/null 2>&1; then
  echo "provision: starting dockerd"
  clear_stale_pidfile /var/run/docker.pid
  clear_stale_pidfile /var/run/docker/containerd/containerd.pid
  mkdir -p /var/log
  nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  wait_for 60 docker info || { echo "dockerd did not start; see /var/log/dockerd.log" >&2; tail -20 /var/log/dockerd.log >&2; exit 1; }
fi
