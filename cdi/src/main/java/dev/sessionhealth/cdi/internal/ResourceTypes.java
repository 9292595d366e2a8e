package dev.sessionhealth.cdi.internal;

import jakarta.decorator.Decorator;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Which JAX-RS resource types can carry the exception-capturing interceptor. */
public final class ResourceTypes {

    private ResourceTypes() {
    }

    /**
     * Concrete, non-final classes without final business methods (the container intercepts by
     * subclassing, and would reject a final one); interfaces, interceptors and decorators never.
     */
    public static boolean isInterceptable(AnnotatedType<?> type) {
        Class<?> c = type.getJavaClass();
        int mods = c.getModifiers();
        if (c.isInterface() || c.isAnnotation() || c.isEnum() || c.isRecord() || Modifier.isAbstract(mods)
                || Modifier.isFinal(mods) || type.isAnnotationPresent(Interceptor.class)
                || type.isAnnotationPresent(Decorator.class)) {
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                int mm = m.getModifiers();
                if (Modifier.isFinal(mm) && !Modifier.isStatic(mm) && !Modifier.isPrivate(mm)) {
                    return false;
                }
            }
        }
        return true;
    }
}
