package dev.sessionhealth.examples.cluster;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.CDIProvider;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.servlet.ServletContext;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Iterator;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * Several web applications with CDI in one JVM and one class path, one per node, as separate servers
 * would have them. Each node's Weld container gets an id of its own (the context-param
 * {@value #CONTAINER_ID_PARAM}), so that the containers do not replace each other. While a node
 * starts, {@code CDI.current()} (which the JAX-RS runtime and the sessionhealth JAX-RS hook call
 * then) answers with that node's container; anywhere else as it would without this class.
 */
final class NodeCdi {

    /** Weld's context-param: the id of a web application's container. */
    static final String CONTAINER_ID_PARAM = "WELD_CONTEXT_ID_KEY";

    private static final ThreadLocal<ServletContext> STARTING = new ThreadLocal<>();
    private static boolean installed;

    private NodeCdi() {
    }

    /** Runs {@code start} (the start of the node whose web application is {@code context}). */
    static <T> T starting(ServletContext context, Callable<T> start) throws Exception {
        install();
        STARTING.set(context);
        try {
            return start.call();
        } finally {
            STARTING.remove();
        }
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        CDIProvider discovered = ServiceLoader.load(CDIProvider.class, NodeCdi.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no CDI provider (Weld) on the class path"));
        CDI.setCDIProvider(() -> {
            ServletContext context = STARTING.get();
            BeanManager manager = context == null ? null : beanManager(context);
            return manager != null ? new ApplicationCdi(manager) : discovered.getCDI();
        });
        installed = true;
    }

    /** The bean manager Weld's servlet listener keeps in a context attribute as the application starts. */
    private static BeanManager beanManager(ServletContext context) {
        for (String name : Collections.list(context.getAttributeNames())) {
            if (context.getAttribute(name) instanceof BeanManager manager) {
                return manager;
            }
        }
        return null;
    }

    /** {@code CDI.current()} of one web application: its bean manager. */
    private static final class ApplicationCdi extends CDI<Object> {
        private final BeanManager manager;
        private final Instance<Object> beans;

        ApplicationCdi(BeanManager manager) {
            this.manager = manager;
            this.beans = manager.createInstance();
        }

        @Override
        public BeanManager getBeanManager() {
            return manager;
        }

        @Override
        public Instance<Object> select(Annotation... qualifiers) {
            return beans.select(qualifiers);
        }

        @Override
        public <U> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            return beans.select(subtype, qualifiers);
        }

        @Override
        public <U> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            return beans.select(subtype, qualifiers);
        }

        @Override
        public boolean isUnsatisfied() {
            return beans.isUnsatisfied();
        }

        @Override
        public boolean isAmbiguous() {
            return beans.isAmbiguous();
        }

        @Override
        public void destroy(Object instance) {
            beans.destroy(instance);
        }

        @Override
        public Handle<Object> getHandle() {
            return beans.getHandle();
        }

        @Override
        public Iterable<? extends Handle<Object>> handles() {
            return beans.handles();
        }

        @Override
        public Object get() {
            return beans.get();
        }

        @Override
        public Iterator<Object> iterator() {
            return beans.iterator();
        }
    }
}
