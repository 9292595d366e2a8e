package dev.sessionhealth;

/**
 * Where the open user sessions live, given to {@link SessionManagerBuilder#storage}. By default they
 * live in the manager's memory, which is exact for one node. Several nodes that serve the same users
 * (no sticky sessions, failover, rolling deploys) share them through a storage such as the one the
 * {@code sessionhealth-jcache} module makes from a JCache cache, so that a user has one session
 * whichever node serves each request.
 *
 * <p>Instances come only from the library's modules; applications do not implement it.
 */
public interface SessionStorage {
}
