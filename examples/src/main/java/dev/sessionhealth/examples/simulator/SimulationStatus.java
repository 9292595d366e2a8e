package dev.sessionhealth.examples.simulator;

import java.util.Map;

/**
 * Progress of a simulation run.
 *
 * @param running whether it is still running
 * @param users virtual users in the run
 * @param usersDone virtual users that finished their visit
 * @param requests requests sent so far
 * @param byStatus responses by HTTP status
 * @param failures requests that got no response at all
 */
public record SimulationStatus(boolean running, int users, int usersDone, long requests, Map<Integer, Long> byStatus,
        long failures) {

    public static final SimulationStatus IDLE = new SimulationStatus(false, 0, 0, 0, Map.of(), 0);

    public SimulationStatus {
        byStatus = Map.copyOf(byStatus);
    }
}
