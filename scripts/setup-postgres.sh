#!/usr/bin/env bash
# A private PostgreSQL cluster for the shared ingest log's tests and
# benchmark: installs Debian's `postgresql` if no initdb is found, creates
# a cluster in $CONCORD_PG_DIR (default target/pg), starts it on
# 127.0.0.1:$CONCORD_PG_PORT (default 54329, or the next free port when
# another checkout's cluster holds it) with its unix socket inside
# the cluster dir, creates the database `concord`, and writes the URL to
# $CONCORD_PG_DIR/url (also printed on stdout, the only thing printed there).
#
# Idempotent: a second run finds the cluster running and only prints the
# URL. `scripts/setup-postgres.sh stop` stops the cluster.
#
# `scripts/setup-postgres.sh tls` does the same and also turns TLS on
# (ssl=on, reloaded into a running cluster): on first use it makes a
# throwaway CA and a server certificate for 127.0.0.1 and localhost with
# the `openssl` command in $data_home/tls (ca.crt, server.crt/.key, and
# other-ca.crt, a second CA that signed nothing, for tests of a wrong CA),
# then prints the URL with `?sslmode=verify-full&sslrootcert=…/ca.crt`
# (also written to $CONCORD_PG_DIR/url-tls). Plain connections keep
# working beside TLS ones.
#
# initdb refuses to run as root, so as root the cluster belongs to the OS
# user `postgres` (created by the Debian package) and every server command
# runs through runuser.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_dir="${CONCORD_PG_DIR:-target/pg}"
port="${CONCORD_PG_PORT:-54329}"
db="concord"
role="concord"
say() { echo "setup-postgres: $*" >&2; }

mkdir -p "$pg_dir"
pg_dir="$(cd "$pg_dir" && pwd)"

find_bindir() {
  local initdb
  initdb="$(command -v initdb 2>/dev/null || true)"
  if [ -z "$initdb" ]; then
    # Debian keeps the server binaries off PATH, one folder per major version.
    initdb="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  [ -n "$initdb" ] && dirname "$(readlink -f "$initdb")"
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "no initdb found and not root; install Debian's 'postgresql' package"
    exit 1
  fi
  say "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bindir="$(find_bindir || true)"
  if [ -z "$bindir" ]; then
    say "postgresql installed but no initdb found"
    exit 1
  fi
fi

# Who runs the server: ourselves, or `postgres` when we are root.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/sh postgres
  fi
  as_owner=(runuser -u postgres --)
fi

# The data lives in $pg_dir/data unless the server's user cannot reach the
# project (a checkout under root's private home): then it lives in a
# folder of its own under /var/tmp and only the URL stays in $pg_dir.
data_home="$pg_dir"
if [ ${#as_owner[@]} -gt 0 ] && ! "${as_owner[@]}" test -x "$pg_dir"; then
  data_home="/var/tmp/concord-pg-$(printf '%s' "$pg_dir" | cksum | cut -d' ' -f1)"
  say "postgres cannot reach $pg_dir; keeping the cluster in $data_home"
  mkdir -p "$data_home"
fi
data="$data_home/data"
sock="$data_home/sock"

mode="${1:-start}"
case "$mode" in
  start | stop | tls) ;;
  *)
    say "usage: $0 [stop|tls]"
    exit 2
    ;;
esac

if [ "$mode" = "stop" ]; then
  if [ -f "$data/PG_VERSION" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  say "stopped"
  exit 0
fi

if [ ${#as_owner[@]} -gt 0 ]; then
  chown postgres: "$data_home"
fi

if [ ! -f "$data/PG_VERSION" ]; then
  say "initdb $data"
  rm -rf "$data"
  password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  pwfile="$data_home/password"
  (umask 077 && printf '%s\n' "$password" >"$pwfile")
  if [ ${#as_owner[@]} -gt 0 ]; then
    chown postgres: "$pwfile"
  fi
  # Local (socket) connections are trusted: only this cluster's owner can
  # reach the socket folder. TCP needs the password.
  "${as_owner[@]}" "$bindir/initdb" -D "$data" -U "$role" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
fi
mkdir -p "$sock"
if [ ${#as_owner[@]} -gt 0 ]; then
  chown postgres: "$sock"
fi
password="$(cat "$data_home/password")"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  # Running already: its port is the fourth line of postmaster.pid.
  port="$(sed -n 4p "$data/postmaster.pid")"
else
  # Another checkout's cluster (or anything else) may hold the default
  # port: take the next free one. An explicit CONCORD_PG_PORT is kept.
  if [ -z "${CONCORD_PG_PORT:-}" ]; then
    for _ in $(seq 1 50); do
      port_in_use "$port" || break
      port=$((port + 1))
    done
  fi
  say "starting on 127.0.0.1:$port"
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$data" -l "$data_home/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $sock" start >/dev/null || {
    say "the server did not start; its log:"
    tail -n 20 "$data_home/server.log" >&2
    exit 1
  }
fi

psql=("$bindir/psql" -X -q -h "$sock" -p "$port" -U "$role")
if [ -z "$("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
  "${psql[@]}" -d postgres -c "CREATE DATABASE $db" >/dev/null
fi

url="postgres://$role:$password@127.0.0.1:$port/$db"
(umask 077 && printf '%s\n' "$url" >"$pg_dir/url")
if [ "$mode" != "tls" ]; then
  echo "$url"
  exit 0
fi

# ---- TLS ----
if ! command -v openssl >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    say "tls needs the openssl command (Debian's 'openssl' package) to make test certificates"
    exit 1
  fi
  say "installing Debian's openssl (the command) for the test certificates"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends openssl >/dev/null
fi
tls="$data_home/tls"
if [ ! -f "$tls/server.crt" ]; then
  say "making a throwaway CA and server certificate in $tls"
  rm -rf "$tls"
  mkdir -p "$tls"
  make_ca() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout "$tls/$1.key" -out "$tls/$1.crt" -days 3650 -subj "/CN=$2" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  }
  make_ca ca "Concord test CA"
  make_ca other-ca "Concord other test CA"
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
  printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$tls/server.ext"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 3650 -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  rm -f "$tls/ca.key" "$tls/other-ca.key" "$tls/server.csr" "$tls/server.ext" "$tls/ca.srl"
  # The server refuses a key others can read.
  chmod 600 "$tls/server.key"
  chmod 644 "$tls/ca.crt" "$tls/other-ca.crt" "$tls/server.crt"
  if [ ${#as_owner[@]} -gt 0 ]; then
    chown -R postgres: "$tls"
  fi
fi
if [ "$("${psql[@]}" -d postgres -tAc "SHOW ssl")" != "on" ]; then
  say "turning ssl on"
  "${psql[@]}" -d postgres >/dev/null <<SQL
ALTER SYSTEM SET ssl_cert_file = '$tls/server.crt';
ALTER SYSTEM SET ssl_key_file = '$tls/server.key';
ALTER SYSTEM SET ssl = on;
SELECT pg_reload_conf();
SQL
  # The reload is asynchronous; new sessions see it once it is done.
  for _ in $(seq 1 50); do
    [ "$("${psql[@]}" -d postgres -tAc "SHOW ssl")" = "on" ] && break
    sleep 0.1
  done
  if [ "$("${psql[@]}" -d postgres -tAc "SHOW ssl")" != "on" ]; then
    say "ssl did not come on; the server's log:"
    tail -n 20 "$data_home/server.log" >&2
    exit 1
  fi
fi
tls_url="$url?sslmode=verify-full&sslrootcert=$tls/ca.crt"
(umask 077 && printf '%s\n' "$tls_url" >"$pg_dir/url-tls")
echo "$tls_url"
