package dev.sessionhealth.testing;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EventListener;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat 11 with its standard session manager (not persisted across stops). Tomcat logs
 * what an initializer or a listener throws and only marks the context failed: this keeps it, so that
 * {@link #start} throws it.
 */
final class EmbeddedTomcat implements EmbeddedContainer {

    private Tomcat tomcat;
    private Path baseDir;
    private URI base;

    @Override
    public synchronized URI start(WebApp app) throws Exception {
        if (tomcat != null) {
            throw new IllegalStateException("already running at " + base);
        }
        baseDir = Files.createTempDirectory("tomcat-test");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", "200");
        connector.setProperty("acceptCount", "1024");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Path root = app.docBase() != null ? app.docBase() : Files.createDirectories(baseDir.resolve("root"));
        Context context = tomcat.addContext(app.contextPath(), root.toString());
        StandardManager sessions = new StandardManager();
        sessions.setPathname(null); // no SESSIONS.ser: a stop is a stop
        context.setManager(sessions);
        app.params().forEach(context::addParameter);
        Failures failures = new Failures();
        Map<String, Object> attributes = app.attributes();
        List<EventListener> listeners = app.listeners();
        if (!attributes.isEmpty() || !listeners.isEmpty()) {
            // the first initializer: a listener instance can only be added through the ServletContext
            context.addServletContainerInitializer((classes, sc) -> {
                attributes.forEach(sc::setAttribute);
                listeners.forEach(l -> sc.addListener(failures.recording(l)));
            }, null);
        }
        for (WebApp.FilterDeclaration f : app.filters()) {
            FilterDef def = new FilterDef();
            def.setFilterName(f.name());
            def.setFilterClass(f.type().getName());
            def.setAsyncSupported("true");
            f.initParams().forEach(def::addInitParameter);
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(f.name());
            map.addURLPattern(f.urlPattern());
            f.dispatchers().forEach(d -> map.setDispatcher(d.name()));
            context.addFilterMap(map);
        }
        for (WebApp.ServletDeclaration s : app.servlets()) {
            Tomcat.addServlet(context, s.name(), s.servlet()).setLoadOnStartup(1);
            context.addServletMappingDecoded(s.urlPattern(), s.name());
        }
        for (WebApp.Initializer i : app.initializers()) {
            context.addServletContainerInitializer(failures.recording(i.initializer()), i.classes());
        }
        try {
            tomcat.start();
            if (!failures.all.isEmpty() || context.getState() != LifecycleState.STARTED) {
                IllegalStateException e = new IllegalStateException("the application did not start: "
                        + context.getState(), failures.all.isEmpty() ? null : failures.all.get(0));
                failures.all.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
        } catch (Exception | Error e) {
            try {
                close();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + app.basePath());
        return base;
    }

    @Override
    public synchronized URI base() {
        if (base == null) {
            throw new IllegalStateException("not started");
        }
        return base;
    }

    @Override
    public synchronized void close() throws Exception {
        if (tomcat == null) {
            return;
        }
        Tomcat stopping = tomcat;
        tomcat = null;
        try {
            stopping.stop();
            stopping.destroy();
        } finally {
            try (Stream<Path> files = Files.walk(baseDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }

    @Override
    public String toString() {
        return "Tomcat 11";
    }

    /** What the application's initializers and ServletContextListeners threw while it started, in order. */
    private static final class Failures {
        final List<Throwable> all = new CopyOnWriteArrayList<>();

        ServletContainerInitializer recording(ServletContainerInitializer initializer) {
            return (classes, context) -> {
                try {
                    initializer.onStartup(classes, context);
                } catch (jakarta.servlet.ServletException | RuntimeException | Error e) {
                    all.add(e);
                    throw e;
                }
            };
        }

        /** The listener behind a proxy of every listener interface it implements, keeping what contextInitialized threw. */
        EventListener recording(EventListener listener) {
            Set<Class<?>> types = new LinkedHashSet<>();
            for (Class<?> c = listener.getClass(); c != null; c = c.getSuperclass()) {
                addListenerInterfaces(c, types);
            }
            return (EventListener) Proxy.newProxyInstance(listener.getClass().getClassLoader(),
                    types.toArray(new Class<?>[0]), (proxy, method, args) -> invoke(listener, proxy, method, args));
        }

        private Object invoke(EventListener listener, Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> listener.toString();
                };
            }
            try {
                return method.invoke(listener, args);
            } catch (InvocationTargetException e) {
                if (args != null && args.length == 1 && args[0] instanceof ServletContextEvent
                        && method.getName().equals("contextInitialized")) {
                    all.add(e.getCause());
                }
                throw e.getCause();
            }
        }

        private static void addListenerInterfaces(Class<?> type, Set<Class<?>> into) {
            for (Class<?> i : type.getInterfaces()) {
                if (EventListener.class.isAssignableFrom(i)) {
                    into.add(i);
                }
                addListenerInterfaces(i, into);
            }
        }
    }
}
