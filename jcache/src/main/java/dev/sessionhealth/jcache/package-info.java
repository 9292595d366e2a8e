/**
 * User sessions shared by several nodes through a JCache cache: {@link dev.sessionhealth.jcache.JCacheStorage}.
 * Request threads read and change a session's entry only when its fate changes (start, error,
 * end); the manager's sender thread reports activity and ends sessions that lapsed for the cluster.
 */
package dev.sessionhealth.jcache;
