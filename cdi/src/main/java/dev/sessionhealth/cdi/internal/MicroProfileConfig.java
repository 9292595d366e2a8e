package dev.sessionhealth.cdi.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads MicroProfile Config reflectively, so that the API is used when the application has it and
 * is not a dependency otherwise.
 */
final class MicroProfileConfig implements Function<String, String> {

    private final Object config;
    private final Method getOptionalValue;

    private MicroProfileConfig(Object config, Method getOptionalValue) {
        this.config = config;
        this.getOptionalValue = getOptionalValue;
    }

    /** A lookup by full property name, or {@code null} when MicroProfile Config is not available. */
    static Function<String, String> find() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = MicroProfileConfig.class.getClassLoader();
        }
        try {
            Class<?> provider = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader);
            Class<?> configType = Class.forName("org.eclipse.microprofile.config.Config", false, loader);
            Object config = provider.getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            return new MicroProfileConfig(config, configType.getMethod("getOptionalValue", String.class, Class.class));
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not on the class path: the other sources apply
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // API without an implementation
        }
    }

    @Override
    public String apply(String name) {
        try {
            Optional<?> value = (Optional<?>) getOptionalValue.invoke(config, name, String.class);
            return value.map(Object::toString).orElse(null);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("MicroProfile Config cannot read " + name + ": " + e.getCause(), e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
