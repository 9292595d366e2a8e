package dev.sessionhealth.jcache;

import com.hazelcast.core.Hazelcast;

/**
 * A Hazelcast member in a process of its own, for the tests that freeze the grid (SIGSTOP) or kill
 * it: starts, prints {@code READY} and serves until it is stopped.
 *
 * <p>Arguments: cluster name, port.
 */
public final class MemberMain {

    private MemberMain() {
    }

    public static void main(String[] args) throws Exception {
        Hazelcast.newHazelcastInstance(Node.memberConfig("grid", args[0], Integer.parseInt(args[1])));
        System.out.println("READY " + args[1]);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
