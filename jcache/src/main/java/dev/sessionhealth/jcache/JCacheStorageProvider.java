package dev.sessionhealth.jcache;

import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.internal.session.StorageProvider;
import dev.sessionhealth.internal.session.StoreFactory;

/** {@code store=jcache}: the storage of the {@code store*} options, for managers made from configuration. */
public final class JCacheStorageProvider implements StorageProvider {

    @Override
    public String name() {
        return "jcache";
    }

    @Override
    public StoreFactory create(SessionOptions options, ClassLoader loader) {
        return JCacheStorage.fromOptions(options, loader);
    }
}
