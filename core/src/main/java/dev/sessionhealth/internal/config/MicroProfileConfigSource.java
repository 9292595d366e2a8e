package dev.sessionhealth.internal.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * MicroProfile Config, read reflectively: used when the application has the API and an
 * implementation, not a dependency otherwise.
 */
final class MicroProfileConfigSource {

    private final Object config;
    private final Method getOptionalValue;
    private final Method getPropertyNames;

    private MicroProfileConfigSource(Object config, Method getOptionalValue, Method getPropertyNames) {
        this.config = config;
        this.getOptionalValue = getOptionalValue;
        this.getPropertyNames = getPropertyNames;
    }

    /** The application's MicroProfile Config as a source, or {@code null} when there is none. */
    static ConfigSource find(ClassLoader loader) {
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
            Class<?> configType = Class.forName("org.eclipse.microprofile.config.Config", false, loader);
            Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            MicroProfileConfigSource mp = new MicroProfileConfigSource(config,
                    configType.getMethod("getOptionalValue", String.class, Class.class),
                    configType.getMethod("getPropertyNames"));
            return ConfigSource.prefixed("MicroProfile Config", mp::value, mp::names);
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not on the class path: the other sources apply
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // the API without an implementation
        }
    }

    private String value(String name) {
        try {
            Optional<?> value = (Optional<?>) getOptionalValue.invoke(config, name, String.class);
            return value.map(Object::toString).orElse(null);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("MicroProfile Config cannot read " + name + ": " + e.getCause(), e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Collection<String> names() {
        List<String> out = new ArrayList<>();
        try {
            for (Object name : (Iterable<?>) getPropertyNames.invoke(config)) {
                out.add(String.valueOf(name));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of(); // names are only for the unknown-key warning
        }
        return out;
    }
}
