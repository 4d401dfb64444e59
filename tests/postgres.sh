#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, on loopback, in a directory of its own.
#
#   tests/postgres.sh start DIR PORT   initdb DIR/data (trust auth, superuser "collab") and start on 127.0.0.1:PORT,
#                                      socket in DIR; prints the connection string
#   tests/postgres.sh stop DIR         stop immediately and delete DIR
#   tests/postgres.sh install          apt-get install Debian's postgresql if missing (needs root)
#
# PostgreSQL refuses to run as root, so as root the server runs as the 'postgres' user the Debian package creates.
set -euo pipefail

server_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql/*/bin; install Debian's 'postgresql' package (tests/run.sh or 'tests/postgres.sh install' does)" >&2
  return 1
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  install)
    if ! dpkg -s postgresql >/dev/null 2>&1; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -q
      apt-get install -y -q --no-install-recommends postgresql
    fi
    ;;
  start)
    dir=${2:?usage: postgres.sh start DIR PORT}
    port=${3:?usage: postgres.sh start DIR PORT}
    bin=$(server_bin)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    # --no-sync only skips fsync of the initial catalog; the running server keeps fsync on, so commits are durable.
    if ! as_server_user "$bin/initdb" -D "$dir/data" -A trust -U collab -E UTF8 --no-sync >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    if ! as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    echo "Host=127.0.0.1;Port=$port;Username=collab;Database=postgres"
    ;;
  stop)
    dir=${2:?usage: postgres.sh stop DIR}
    if [ -d "$dir/data" ]; then
      bin=$(server_bin)
      as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start DIR PORT | stop DIR | install" >&2
    exit 2
    ;;
esac
