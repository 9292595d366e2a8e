#!/usr/bin/env bash
# Every measurement of docs/PERFORMANCE.md in one go, with the load average logged before each:
# JMH (tracking vs floor, filter steps, envelope encoding; two forks each), the wrk load test
# (benchmarks/load.sh), and heap per session. Takes about 10 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
out="$here/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
[ -f "$jar" ] || (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
load() { echo "$(date -u +%H:%M:%S) load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }

for bench in TrackingBenchmark FilterPartsBenchmark EnvelopeBenchmark; do
  load
  java -jar "$jar" "$bench" -wi 3 -w 1 -i 5 -r 1 -f 2 -rf json -rff "$out/$bench.json" > "$out/$bench.log" 2>&1
  sed -n '/^Benchmark/,$p' "$out/$bench.log"
done
load
"$here/load.sh" 2>&1 | tee "$out/load-test.txt"
load
java -Xmx4g -cp "$jar" dev.sessionhealth.benchmarks.HeapPerSession 1000000 | tee "$out/heap.txt"
load
echo "all results in $out"
