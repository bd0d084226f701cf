# Sourced by script/test and script/bench: a throwaway PostgreSQL cluster in a temporary folder.
#   throwaway_postgres_start WORKDIR [postgres -c settings...]   sets PG_BIN, PG_PORT, PG_AS (command prefix), PG_URL
#   throwaway_postgres_stop WORKDIR                             stops it (immediate) and deletes WORKDIR
# PostgreSQL refuses to run as root: as root the cluster runs as the postgres user (created if missing).

throwaway_postgres_start() {
  local work=$1; shift
  PG_BIN=""
  for candidate in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && { PG_BIN="$candidate"; break; }
  done
  [ -n "$PG_BIN" ] || { echo "PostgreSQL's initdb not found"; return 1; }
  chmod 755 "$work"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
  PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    PG_AS=(runuser -u postgres --)
  fi
  mkdir -p "$work/pgdata" "$work/pg"
  [ ${#PG_AS[@]} -eq 0 ] || chown -R postgres "$work/pgdata" "$work/pg"
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$work/pgdata" -A trust -U postgres -E UTF8 >"$work/initdb.log" 2>&1 ||
    { cat "$work/initdb.log"; return 1; }
  local settings=()
  for setting in "$@"; do settings+=("-c $setting"); done
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$work/pgdata" -l "$work/pg/postgres.log" -w \
    -o "-p $PG_PORT -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200 ${settings[*]}" start >/dev/null ||
    { cat "$work/pg/postgres.log"; return 1; }
  PG_URL="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
}

throwaway_postgres_stop() {
  local work=$1
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$work/pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$work"
}
