#!/usr/bin/env bash
# Load test: embedded Jetty 12 serving a trivial servlet bare, behind a pass-through filter, and
# behind our filter in each mode, with the ingest healthy, down or slow; 10,000 users by cookie,
# loopback only. Prints requests/s, p99 and server CPU per request per variant and the ratios against
# bare (throughput) and against a healthy ingest (p99). See docs/PERFORMANCE.md.
#
# All variants live in ONE JVM (LoadTarget): one Jetty server and thread pool, each variant on its own
# port with its own context, manager and ingest. A JVM per variant made runs of the same variant differ
# by a factor of two between JVM starts on 2 cores, swamping the few per cent to be measured. Here the
# variants are loaded one at a time (a WARMUP run, then the measured DURATION run), and every other run
# is the reference (the first variant, bare): bare, v1, bare, v2, ..., bare, with the order of the
# others rotated each round. Each variant run is compared with the mean of the reference runs just
# before and after it, since even within one JVM the same bare server drifted by a third between
# minutes on this shared VM. The summary gives per variant the MEDIAN over rounds of those paired
# ratios (and min..max), for requests/s and for server CPU per request.
# Server CPU per request is the JVM's user + system time over the measured run divided by its requests;
# only one variant is loaded at a time, but the process's background work (other variants' senders,
# session scavenging, GC) counts too.
# Peers (not in the default list): bugsnag (bugsnag-java's servlet request listener, a session per
# request, counts sent once a minute) and sentry (sentry-java, Sentry.startSession/endSession per
# request on its own isolation scope, an envelope per start and per end), each SDK sending to its own
# sink in the target's JVM. After each run of a peer, and before the target is stopped, the script
# prints what the peer's sink has received so far (cumulative), and the summary ends with it, so it
# shows that the peer was sending; the target's log has what the sinks had after the SDKs' flush at
# close (SINK ... after-close). See docs/PERFORMANCE.md, "Peers in the same run":
#   ROUNDS=5 VARIANTS="bare passthrough bugsnag cookie request sentry" benchmarks/load.sh
#
# Knobs (environment): ROUNDS=5 DURATION=8s WARMUP=2s THREADS=2 CONNECTIONS=64 USERS=10000
#   VARIANTS="bare passthrough passthroughSession floor cookie httpSession request cookie:down cookie:slow"
#   (passthroughSession: a pass-through filter that gets or creates the HTTP session first, the
#   container's part of what HTTP-session mode costs; cookieNoJournal: cookie mode with persistence=false, what the
#   session journal costs, not in the default list; shared: cookie mode with store=jcache, not in the default list; bugsnag, sentry: the peers above, not in the default list; floor: the JMH floor as a
#   filter, a map get-or-create of the user's cookie plus two counters; request mode sends once a
#   minute, so a down or slow ingest is barely touched; add request:down request:slow to see; keep bare first:
#   contexts are tried in this order, see LoadTarget)
#   JAVA_OPTS="-Xms1g -Xmx1g"  NEW_EVERY=100 (every n-th request comes from a new visitor; 0 = never)
#   PIN=1: the JVM on CPU 0 (taskset -c 0), wrk on CPU 1. Off by default: pinned, the JVM sees one
#   processor, so it picks the serial GC and sizes its pools for one CPU (add e.g. -XX:+UseG1GC to JAVA_OPTS)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-8s}"
WARMUP="${WARMUP:-2s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
USERS="${USERS:-10000}"
NEW_EVERY="${NEW_EVERY:-100}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g}"
VARIANTS="${VARIANTS:-bare passthrough passthroughSession floor cookie httpSession request cookie:down cookie:slow}"
PIN="${PIN:-0}"
read -r -a specs <<< "$VARIANTS"
n="${#specs[@]}"

server_cpu=()
client_cpu=()
if [ "$PIN" = 1 ]; then
  server_cpu=(taskset -c 0)
  client_cpu=(taskset -c 1)
fi

seconds() { # a wrk duration (10, 10s, 2m, 1h) in seconds
  case "$1" in
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}

# shellcheck source=target.sh
. "$here/target.sh"
ensure_tools

out="$here/target/load-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
results="$out/results.tsv"
printf 'round\tposition\tvariant\tingest\trps\tp50_us\tp99_us\terrors\tload1\tcpu_us_per_req\n' > "$results"
echo "results in $out" >&2
# priming: about 1,000 users/s on 2 cores (JVM start included); per run: warm-up + measured run + about 1 s
runs=$(( 2 * n - 1 )) # per round: the reference before, between and after the others
estimate=$(( USERS * n / 1000 + 5 + ROUNDS * runs * ($(seconds "$WARMUP") + $(seconds "$DURATION") + 1) ))
echo "$n variants, $ROUNDS rounds of $runs runs x ($WARMUP + $DURATION), $USERS users each, PIN=$PIN:" \
    "expect about $(( (estimate + 59) / 60 )) min ($estimate s)" >&2

trap stop_target EXIT

cpu_ticks() { # utime + stime of a process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

log="$out/target.log"
start_target "$out" "${specs[@]}"

wrk_run() { # spec duration output: one wrk run against the spec's port
  wrk_load "$1" "$2" -t"$THREADS" -c"$CONNECTIONS" > "$3"
}

run_one() { # round position spec
  local round="$1" position="$2" spec="$3" variant ingest wrk_out
  variant="${spec%%:*}"
  ingest="healthy"
  [ "$spec" != "$variant" ] && ingest="${spec#*:}"
  wrk_out="$out/${spec//:/-}-r$round.wrk"
  wrk_run "$spec" "$WARMUP" "$out/warmup.txt"
  local load1 ticks0 ticks1
  load1="$(cut -d' ' -f1 /proc/loadavg)"
  ticks0="$(cpu_ticks "$target_pid")"
  wrk_run "$spec" "$DURATION" "$wrk_out"
  ticks1="$(cpu_ticks "$target_pid")"
  local r
  r="$(grep '^RESULT' "$wrk_out")"
  val() { echo "$r" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  # server CPU (user + system, all threads) per request during the measured run
  local cpu
  cpu="$(awk -v t="$((ticks1 - ticks0))" -v hz="$(getconf CLK_TCK)" -v n="$(val requests)" \
      'BEGIN { printf "%.1f", t / hz * 1e6 / n }')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$position" "$variant" "$ingest" "$(val rps)" \
      "$(val p50_us)" "$(val p99_us)" "$(val errors)" "$load1" "$cpu" >> "$results"
  printf 'round %s #%s %-12s %-8s %10s req/s  p50 %6s us  p99 %7s us  errors %s  cpu %s us/req  load %s\n' \
      "$round" "$position" "$variant" "$ingest" "$(val rps)" "$(val p50_us)" "$(val p99_us)" "$(val errors)" \
      "$cpu" "$load1" >&2
  if [ -n "${sink_url[$spec]:-}" ]; then # a peer: what its sink has received so far (all runs until now)
    printf '         sink of %s so far: %s\n' "$spec" "$(sink_counts "$spec")" >&2
  fi
}

# every other run is the reference (the first variant, bare by default): each variant's run is
# compared with the reference runs just before and after it, so drift of the machine (on a shared
# VM the same server's CPU per request can move by a third within minutes) cancels pairwise
others=("${specs[@]:1}")
for round in $(seq 1 "$ROUNDS"); do
  position=1
  run_one "$round" "$position" "${specs[0]}"
  for i in $(seq 0 $(( ${#others[@]} - 1 ))); do
    run_one "$round" $(( ++position )) "${others[$(( (round - 1 + i) % ${#others[@]} ))]}"
    run_one "$round" $(( ++position )) "${specs[0]}"
    kill -0 "$target_pid" 2>/dev/null || { cat "$log" >&2; echo "target died" >&2; exit 1; }
  done
done
# what each peer's sink received while the target served, before the stop (when the SDKs flush at close)
sinks="$out/sinks.txt"
: > "$sinks"
for spec in "${specs[@]}"; do
  if [ -n "${sink_url[$spec]:-}" ]; then
    printf 'sink of %-8s before the stop: %s\n' "$spec" "$(sink_counts "$spec")" >> "$sinks"
  fi
done
stop_target
grep -E '^(STATS|STOPPED|SINK )' "$log" | cut -c1-300 >&2 || true

echo
echo "one JVM, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after a $WARMUP warm-up), $USERS users, PIN=$PIN, $ROUNDS rounds;" \
    "each run of a variant against the mean of the ${specs[0]} runs just before and after it; medians over rounds (min..max)"
awk -F'\t' -v ref="${specs[0]}" '
  function median(list, m,    i, j, x, a) { # median of list[1..m]
    for (i = 1; i <= m; i++) a[i] = list[i]
    for (i = 2; i <= m; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function pick(k, what, out,    i) { for (i = 1; i <= n[k]; i++) out[i] = v[what, k, i]; return n[k] }
  function lo(k, what,    i, x) { x = v[what, k, 1]; for (i = 2; i <= n[k]; i++) if (v[what, k, i] < x) x = v[what, k, i]; return x }
  function hi(k, what,    i, x) { x = v[what, k, 1]; for (i = 2; i <= n[k]; i++) if (v[what, k, i] > x) x = v[what, k, i]; return x }
  NR > 1 {
    k = ($4 == "healthy" && $3 == ref) ? ref : $3 ":" $4
    row[$1, $2] = k; rps[$1, $2] = $5; cpu[$1, $2] = $10; p99[$1, $2] = $7
    i = ++n[k]
    v["rps", k, i] = $5; v["p99", k, i] = $7; v["cpu", k, i] = $10; v["round", k, i] = $1; v["pos", k, i] = $2
    err[k] += $8
    if (!(k in seen)) { seen[k] = 1; order[++m] = k }
  }
  END {
    for (i = 1; i <= m; i++) {
      k = order[i]
      for (j = 1; j <= n[k]; j++) {
        r = v["round", k, j]; p = v["pos", k, j]
        if (k != ref && row[r, p - 1] == ref && row[r, p + 1] == ref) {
          v["xrps", k, j] = rps[r, p] / ((rps[r, p - 1] + rps[r, p + 1]) / 2)
          v["xcpu", k, j] = cpu[r, p] / ((cpu[r, p - 1] + cpu[r, p + 1]) / 2)
          v["xp99", k, j] = p99[r, p] / ((p99[r, p - 1] + p99[r, p + 1]) / 2)
        } else {
          v["xrps", k, j] = 1; v["xcpu", k, j] = 1; v["xp99", k, j] = 1
        }
      }
    }
    printf "%-20s %8s %7s %15s %8s %7s %13s %10s %8s %15s %6s\n", "variant", "req/s", "x ref", "(min..max)", \
        "p99 us", "x ref", "p99 x healthy", "cpu us/req", "x ref", "(min..max)", "errors"
    for (i = 1; i <= m; i++) {
      k = order[i]
      c = pick(k, "rps", a); r = median(a, c)
      c = pick(k, "p99", a); p = median(a, c)
      c = pick(k, "cpu", a); u = median(a, c)
      c = pick(k, "xrps", a); xr = median(a, c)
      c = pick(k, "xcpu", a); xc = median(a, c)
      c = pick(k, "xp99", a); xp = median(a, c)
      # p99 with the ingest down or slow against healthy: the ratio of their paired p99 ratios
      split(k, parts, ":"); h = (parts[1] == ref) ? ref : parts[1] ":healthy"
      ph = 0
      if (h in n) { c = pick(h, "xp99", a); ph = median(a, c) }
      printf "%-20s %8.0f %7.3f %6.3f..%-6.3f %8.0f %7.3f %13s %10.1f %8.3f %6.3f..%-6.3f %6d\n", k, r, xr, lo(k, "xrps"), \
          hi(k, "xrps"), p, xp, (parts[2] != "" && parts[2] != "healthy" && ph > 0) ? sprintf("%.3f", xp / ph) : "-", \
          u, xc, lo(k, "xcpu"), hi(k, "xcpu"), err[k]
    }
  }' "$results" | tee "$out/summary.txt"
if [ -s "$sinks" ]; then
  echo "peers' sinks (requests, and what they carried), all runs and the cookie priming:"
  cat "$sinks"
fi | tee -a "$out/summary.txt"
