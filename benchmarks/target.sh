# Shared by load.sh and profile.sh (sourced, not run): the tools they need, and the load target,
# one JVM serving every variant (LoadTarget), started, waited for, and stopped.
# Expects: here (this directory), root (the repository), jar (the benchmark jar), USERS, NEW_EVERY.

ensure_tools() { # wrk (and curl, which reads the peers' sinks) from Debian's packages, and the benchmark jar
  if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk (Debian package)" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  fi
  if ! command -v curl >/dev/null 2>&1; then
    echo "installing curl (Debian package)" >&2
    apt-get update -qq && apt-get install -y -qq curl >/dev/null
  fi
  if [ ! -f "$jar" ]; then
    (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
  fi
}

target_pid=""
declare -A port cookies sink_url

# start_target OUT_DIR SPEC...: starts LoadTarget (JAVA_OPTS, and the command prefix in the array
# server_cpu if set), waits until every variant's cookies are primed, and fills port[spec] and
# cookies[spec], and sink_url[spec] for the peer variants (bugsnag, sentry: where their sink's counts
# are; see sink_counts); the target's output goes to OUT_DIR/target.log
start_target() {
  local out="$1" log="$1/target.log"
  shift
  # shellcheck disable=SC2086
  ${server_cpu[@]+"${server_cpu[@]}"} java ${JAVA_OPTS:--Xms1g -Xmx1g} -cp "$jar" \
      dev.sessionhealth.benchmarks.load.LoadTarget "$USERS" "$out/cookies" "$@" > "$log" 2>&1 &
  target_pid=$!
  local started=$SECONDS
  for _ in $(seq 1 6000); do
    grep -q '^READY-ALL$' "$log" && break
    kill -0 "$target_pid" 2>/dev/null || { cat "$log" >&2; echo "target died" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^READY-ALL$' "$log" || { echo "target not ready in 600 s" >&2; exit 1; }
  echo "target ready (cookies primed) after $(( SECONDS - started )) s; $(grep '^JVM ' "$log")" >&2
  local spec p file
  while read -r _ spec p file; do
    port[$spec]="$p"
    cookies[$spec]="$file"
  done < <(grep '^READY ' "$log")
  local url
  while read -r _ spec url; do
    sink_url[$spec]="$url"
  done < <(grep '^SINK-AT ' "$log")
}

sink_counts() { # SPEC: what a peer variant's sink has received so far, one line (empty for other variants)
  [ -n "${sink_url[$1]:-}" ] || return 0
  curl -s --max-time 5 "${sink_url[$1]}" || echo "(sink not reachable)"
}

stop_target() { # TERM, then up to 60 s for the managers to flush and close, then KILL
  if [ -n "$target_pid" ] && kill -0 "$target_pid" 2>/dev/null; then
    kill -TERM "$target_pid" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$target_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$target_pid" 2>/dev/null || true
  fi
  target_pid=""
}

# wrk_load SPEC DURATION [wrk options...]: one wrk run (load.lua) against the spec's port, on stdout
wrk_load() {
  local spec="$1" duration="$2"
  shift 2
  LOAD_COOKIES="${cookies[$spec]}" LOAD_NEW_EVERY="$NEW_EVERY" ${client_cpu[@]+"${client_cpu[@]}"} \
    wrk "$@" -d"$duration" --timeout 5s -s "$here/load.lua" "http://127.0.0.1:${port[$spec]}/app/hello"
}
