package dev.sessionhealth.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import org.eclipse.jetty.util.ClassLoadingObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.session.AbstractSessionDataStore;
import org.eclipse.jetty.session.SessionData;

/**
 * Jetty's HTTP sessions of several test nodes in one map, each stored serialized and read back as a
 * copy: what a container that replicates or persists sessions gives the next node. (Jetty's file
 * store indexes its directory once at start, so it does not see what another live node writes.)
 */
final class SharedSessionDataStore extends AbstractSessionDataStore {

    private final Map<String, byte[]> shared;

    SharedSessionDataStore(Map<String, byte[]> shared) {
        this.shared = shared;
    }

    @Override
    public boolean isPassivating() {
        return true;
    }

    @Override
    public boolean doExists(String id) throws Exception {
        SessionData data = doLoad(id);
        return data != null && (data.getExpiry() <= 0 || data.getExpiry() > System.currentTimeMillis());
    }

    @Override
    public void doStore(String id, SessionData data, long lastSaveTime) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(data);
        }
        shared.put(id, bytes.toByteArray());
    }

    @Override
    public SessionData doLoad(String id) throws Exception {
        byte[] bytes = shared.get(id);
        if (bytes == null) {
            return null;
        }
        // Jetty reads the attributes only through its own stream, with the application's class loader
        try (ObjectInputStream in = new ClassLoadingObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (SessionData) in.readObject();
        }
    }

    @Override
    public boolean delete(String id) {
        return shared.remove(id) != null;
    }

    @Override
    public Set<String> doCheckExpired(Set<String> candidates, long time) {
        Set<String> expired = new HashSet<>();
        for (String id : candidates) {
            try {
                SessionData data = doLoad(id);
                if (data == null || (data.getExpiry() > 0 && data.getExpiry() <= time)) {
                    expired.add(id);
                }
            } catch (Exception e) {
                expired.add(id);
            }
        }
        return expired;
    }

    @Override
    public Set<String> doGetExpired(long before) {
        return doCheckExpired(new HashSet<>(shared.keySet()), before);
    }

    @Override
    public void doCleanOrphans(long time) {
    }
}
