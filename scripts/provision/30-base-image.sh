# A local Node.js base image, databox/node-base:20, for machines that cannot pull
# node:20-bookworm-slim (docs/decisions/0004-app-image.md). Made from this machine's `node`
# and the libraries `ldd` lists, plus the few files Node needs, with `docker import`.
# Idempotent: nothing happens when the image exists. Sourced by scripts/provision.sh.
DATABOX_NODE_BASE=${DATABOX_NODE_BASE:-databox/node-base:20}
if ! docker image inspect "$DATABOX_NODE_BASE" >/dev/null 2>&1; then
  echo "provision: building $DATABOX_NODE_BASE from $(command -v node) ($(node --version))"
  base_node=$(readlink -f "$(command -v node)")
  base_root=$(mktemp -d)
  mkdir -p "$base_root/usr/local/bin" "$base_root/etc/ssl/certs" "$base_root/home/node" "$base_root/tmp" "$base_root/app"
  cp "$base_node" "$base_root/usr/local/bin/node"
  # The dynamic loader and every shared library node links against, at the same paths.
  for lib in $(ldd "$base_node" | grep -o '/[^ ]*'); do
    cp -L --parents "$lib" "$base_root/"
  done
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000:node:/home/node:/usr/sbin/nologin\n' >"$base_root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$base_root/etc/group"
  printf 'hosts: files dns\n' >"$base_root/etc/nsswitch.conf"
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$base_root/etc/ssl/certs/"
  fi
  chmod 1777 "$base_root/tmp"
  chown -R 1000:1000 "$base_root/home/node"
  tar -C "$base_root" --numeric-owner -cf - . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change "ENV NODE_VERSION=$(node --version | tr -d v)" \
    --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
    --change 'WORKDIR /home/node' \
    --change 'LABEL io.databox.base=node-base' \
    --change 'CMD ["node"]' \
    - "$DATABOX_NODE_BASE" >/dev/null
  rm -rf "$base_root"
  docker run --rm --network none "$DATABOX_NODE_BASE" node -e 'require("node:crypto").randomUUID(); process.stdout.write("")' \
    || { echo "provision: $DATABOX_NODE_BASE does not run node" >&2; exit 1; }
fi
