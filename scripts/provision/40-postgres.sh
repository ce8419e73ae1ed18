# PostgreSQL for the app store's tests (store-app/): Debian's postgresql, a dedicated cluster
# listening only on 127.0.0.1:${DATABOX_PG_PORT:-55432}, run as the postgres user, with the
# test role and database the tests reach through DATABOX_TEST_DATABASE_URL
# (default postgres://databox:databox@127.0.0.1:55432/databox_test; a local, test-only login).
# Idempotent: does nothing but one query when the cluster is already up.
pg_port="${DATABOX_PG_PORT:-55432}"
pg_data="${DATABOX_PG_DATA:-/var/lib/databox-test-postgres}"
pg_log="/var/log/databox-test-postgres.log"

pg_bin_dir() {
  # The real server binaries: Debian keeps them under /usr/lib/postgresql/<major>/bin
  # (/usr/local/bin/pg_ctl on some machines is only a link to them).
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

pg_ready() {
  runuser -u postgres -- psql -h /var/run/postgresql -p "$pg_port" -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'databox'" 2>/dev/null | grep -q 1 \
    && runuser -u postgres -- psql -h /var/run/postgresql -p "$pg_port" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'databox_test'" 2>/dev/null | grep -q 1
}

if ! pg_ready; then
  if [ -z "$(pg_bin_dir)" ]; then
    echo "provision: installing postgresql"
    apt_install postgresql
  fi
  pg_bin="$(pg_bin_dir)"
  if ! [ -f "$pg_data/PG_VERSION" ]; then
    echo "provision: creating the test PostgreSQL cluster in $pg_data"
    install -d -o postgres -g postgres -m 700 "$pg_data"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  fi
  clear_stale_pidfile "$pg_data/postmaster.pid"
  if ! runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
    echo "provision: starting PostgreSQL on 127.0.0.1:$pg_port"
    touch "$pg_log" && chown postgres:postgres "$pg_log"
    install -d -o postgres -g postgres /var/run/postgresql
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=/var/run/postgresql -c max_connections=200" start >/dev/null
  fi
  wait_for 30 runuser -u postgres -- psql -h /var/run/postgresql -p "$pg_port" -d postgres -tAc 'SELECT 1'
  runuser -u postgres -- psql -q -h /var/run/postgresql -p "$pg_port" -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'databox') THEN
    CREATE ROLE databox LOGIN PASSWORD 'databox';
  END IF;
END $$;
SELECT 'CREATE DATABASE databox_test OWNER databox' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'databox_test')\gexec
SQL
fi
