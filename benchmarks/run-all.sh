#!/usr/bin/env bash
# Every measurement of docs/PERFORMANCE.md in one go, with the load average logged before each:
# JMH (tracking vs floor with one and two threads, the cost as the number of users grows, filter
# steps, envelope encoding; two forks each), the whole filter per request (servlet's
# FilterCostBenchmark), the wrk load test (benchmarks/load.sh), and heap per session at 1,000 to
# 1,000,000 sessions. Takes about 40 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
out="$here/target/run-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
[ -f "$jar" ] || (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
load() { echo "$(date -u +%H:%M:%S) load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"; }

jmh() { # name, then JMH arguments
  local name="$1"; shift
  load
  java -jar "$jar" "$@" -wi 3 -w 1 -i 5 -r 1 -f 2 -rf json -rff "$out/$name.json" > "$out/$name.log" 2>&1
  sed -n '/^Benchmark/,$p' "$out/$name.log"
}
jmh TrackingBenchmark-t1 TrackingBenchmark -t 1
jmh TrackingBenchmark-t2 TrackingBenchmark -t 2
jmh ActiveUsersBenchmark ActiveUsersBenchmark -prof gc
jmh FilterPartsBenchmark FilterPartsBenchmark
jmh EnvelopeBenchmark EnvelopeBenchmark

load
(cd "$root" && mvn -B -ntp -q -pl servlet -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test > "$out/filter-cost-build.log" 2>&1)
cp="$root/servlet/target/classes:$root/servlet/target/test-classes:$(cat "$root/servlet/target/test-classpath.txt")"
java -cp "$cp" org.openjdk.jmh.Main FilterCostBenchmark -f 2 -wi 4 -w 2s -i 5 -r 2s > "$out/FilterCostBenchmark.log" 2>&1
sed -n '/^Benchmark/,$p' "$out/FilterCostBenchmark.log"

load
"$here/load.sh" 2>&1 | tee "$out/load-test.txt"
for n in 1000 10000 100000 1000000; do
  load
  java -Xmx4g -cp "$jar" dev.sessionhealth.benchmarks.HeapPerSession "$n" | tee -a "$out/heap.txt"
done
load
echo "all results in $out"
