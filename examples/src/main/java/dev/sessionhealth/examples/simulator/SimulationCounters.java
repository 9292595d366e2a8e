package dev.sessionhealth.examples.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts what one simulation run did, safely from many threads. */
final class SimulationCounters {

    private final int users;
    private final AtomicInteger usersDone = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    SimulationCounters(int users) {
        this.users = users;
    }

    void answered(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void failed() {
        failures.incrementAndGet();
    }

    void userDone() {
        usersDone.incrementAndGet();
    }

    SimulationStatus status(boolean running) {
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        long requests = statuses.values().stream().mapToLong(Long::longValue).sum() + failures.get();
        return new SimulationStatus(running, users, usersDone.get(), requests, statuses, failures.get());
    }
}
