#!/usr/bin/env bash
# Load test: embedded Jetty 12 serving a trivial servlet bare, behind a pass-through filter, and
# behind our filter in each mode, with the ingest healthy, down or slow; 10,000 users by cookie,
# loopback only. Prints requests/s and p99 per variant and the ratios against bare (throughput) and
# against a healthy ingest (p99). See docs/PERFORMANCE.md.
#
# Knobs (environment): ROUNDS=2 DURATION=20s WARMUP=5s THREADS=2 CONNECTIONS=64 USERS=10000
#   VARIANTS="bare passthrough cookie httpSession request cookie:down cookie:slow"  (request mode sends once a
#   minute, so a down or slow ingest is not touched within a run; add request:down request:slow to see)
#   JAVA_OPTS="-Xms1g -Xmx1g"  NEW_EVERY=100 (every n-th request comes from a new visitor; 0 = never)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
USERS="${USERS:-10000}"
NEW_EVERY="${NEW_EVERY:-100}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
VARIANTS="${VARIANTS:-bare passthrough cookie httpSession request cookie:down cookie:slow}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
fi

out="$here/target/load-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
results="$out/results.tsv"
printf 'round\tvariant\tingest\trps\tp50_us\tp99_us\terrors\tload1\tcpu_us_per_req\n' > "$results"
echo "results in $out" >&2

target_pid=""
stop_target() {
  if [ -n "$target_pid" ] && kill -0 "$target_pid" 2>/dev/null; then
    kill -TERM "$target_pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$target_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$target_pid" 2>/dev/null || true
  fi
  target_pid=""
}
trap stop_target EXIT

cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

run_one() { # round variant ingest
  local round="$1" variant="$2" ingest="$3" log="$out/$2-$3-r$1.log" cookies="$out/$2-$3-r$1.cookies"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -cp "$jar" dev.sessionhealth.benchmarks.load.LoadTarget \
      "$variant" "$ingest" 0 "$USERS" "$cookies" > "$log" 2>&1 &
  target_pid=$!
  local port=""
  for _ in $(seq 1 1200); do
    port="$(sed -n 's/^READY \([0-9]*\)$/\1/p' "$log")"
    [ -n "$port" ] && break
    kill -0 "$target_pid" 2>/dev/null || { cat "$log" >&2; echo "target died" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$port" ] || { echo "target not ready in 120 s" >&2; exit 1; }
  local url="http://127.0.0.1:$port/app/hello"
  LOAD_COOKIES="$cookies" LOAD_NEW_EVERY="$NEW_EVERY" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 5s -s "$here/load.lua" "$url" > "$out/warmup.txt"
  local load1 ticks0 ticks1
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  ticks0="$(cpu_ticks "$target_pid")"
  LOAD_COOKIES="$cookies" LOAD_NEW_EVERY="$NEW_EVERY" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s "$here/load.lua" "$url" > "$log.wrk"
  ticks1="$(cpu_ticks "$target_pid")"
  stop_target
  local r
  r="$(grep '^RESULT' "$log.wrk")"
  val() { echo "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  # server CPU (user + system, all threads) per request during the measured run
  local cpu
  cpu="$(awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v n="$(val requests)" \
      'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$variant" "$ingest" "$(val rps)" "$(val p50_us)" \
      "$(val p99_us)" "$(val errors)" "$load1" "$cpu" >> "$results"
  printf 'round %s %-12s %-8s %10s req/s  p50 %6s us  p99 %7s us  errors %s  cpu %s us/req  load %s  %s\n' "$round" \
      "$variant" "$ingest" "$(val rps)" "$(val p50_us)" "$(val p99_us)" "$(val errors)" "$cpu" "$load1" \
      "$(grep '^STATS' "$log" | cut -c1-160 || true)" >&2
}

for round in $(seq 1 "$ROUNDS"); do
  for spec in $VARIANTS; do
    variant="${spec%%:*}"
    ingest="healthy"
    [ "$spec" != "$variant" ] && ingest="${spec#*:}"
    run_one "$round" "$variant" "$ingest"
  done
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), $USERS users, $ROUNDS rounds; mean over rounds"
awk -F'\t' 'NR > 1 {
    k = $2 ":" $3; n[k]++; rps[k] += $4; p99[k] += $6; err[k] += $7; cpu[k] += $9
    if (!(k in seen)) { seen[k] = 1; order[++m] = k }
    lo[k] = (n[k] == 1 || $4 < lo[k]) ? $4 : lo[k]; hi[k] = (n[k] == 1 || $4 > hi[k]) ? $4 : hi[k]
  }
  END {
    bare = rps["bare:healthy"] / n["bare:healthy"]
    cb = cpu["bare:healthy"] / n["bare:healthy"]
    printf "%-22s %10s %18s %8s %10s %14s %12s %12s %7s\n", "variant", "req/s", "(min..max)", "x bare", "p99 us", \
        "p99 x healthy", "cpu us/req", "cpu - bare", "errors"
    for (i = 1; i <= m; i++) {
      k = order[i]; r = rps[k] / n[k]; p = p99[k] / n[k]
      split(k, parts, ":"); h = parts[1] ":healthy"
      ph = (h in p99) ? p99[h] / n[h] : 0
      c = cpu[k] / n[k]
      printf "%-22s %10.0f %8.0f..%-8.0f %8.3f %10.0f %14s %12.1f %12s %7d\n", k, r, lo[k], hi[k], (bare > 0 ? r / bare : 0),
          p, (parts[2] != "healthy" && ph > 0) ? sprintf("%.3f", p / ph) : "-", c, (cb > 0 ? sprintf("%+.1f", c - cb) : "-"), err[k]
    }
  }' "$results" | tee "$out/summary.txt"
