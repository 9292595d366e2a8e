package dev.sessionhealth.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A web application as an {@link EmbeddedContainer} deploys it: what a web.xml would declare
 * (context-params, listeners, filters, servlets), the context attributes a container may preset, the
 * ServletContainerInitializers to run in order, and an optional document root. Its listener and
 * servlet instances serve one start.
 *
 * <pre>{@code
 * WebApp.at("/shop").initializer(new TestApp(manager)).docBase(dir);
 * WebApp.at("/").param("sessionhealth.release", "shop@1").listener(new Listener()).servlet("jaxrs", jaxrs, "/api/*");
 * }</pre>
 */
public final class WebApp {

    /** A filter declared as in web.xml, async supported. */
    record FilterDeclaration(String name, Class<? extends Filter> type, Map<String, String> initParams,
            EnumSet<DispatcherType> dispatchers, String urlPattern) {
    }

    /** A servlet declared as in web.xml, loaded at start (load-on-startup 1): a failing init fails the start. */
    record ServletDeclaration(String name, Servlet servlet, String urlPattern) {
    }

    /** An initializer and the classes it is handed ({@code null}: none, as for one added by hand). */
    record Initializer(ServletContainerInitializer initializer, Set<Class<?>> classes) {
    }

    private final String contextPath;
    private Path docBase;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private final List<FilterDeclaration> filters = new ArrayList<>();
    private final List<ServletDeclaration> servlets = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();

    private WebApp(String contextPath) {
        this.contextPath = contextPath;
    }

    /** An application at this context path: {@code "/"} (or {@code ""}) for the root, else {@code "/name"}. */
    public static WebApp at(String contextPath) {
        String path = contextPath.equals("/") ? "" : contextPath;
        if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("a context path is \"/\" or \"/name\": " + contextPath);
        }
        return new WebApp(path);
    }

    /** The application's root directory (for its manifest, say); none by default. */
    public WebApp docBase(Path root) {
        this.docBase = root;
        return this;
    }

    /** A context-param; a later value for the same name replaces an earlier one. */
    public WebApp param(String name, String value) {
        params.put(name, value);
        return this;
    }

    public WebApp params(Map<String, String> more) {
        params.putAll(more);
        return this;
    }

    /** A context attribute set before any initializer or listener runs. */
    public WebApp attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    public WebApp attributes(Map<String, Object> more) {
        attributes.putAll(more);
        return this;
    }

    /** A listener registered before those the initializers add (a ServletContextListener one that fails fails the start). */
    public WebApp listener(EventListener listener) {
        listeners.add(listener);
        return this;
    }

    /** A filter declared as in web.xml: there before the initializers run, async supported. */
    public WebApp filter(String name, Class<? extends Filter> type, Map<String, String> initParams,
            EnumSet<DispatcherType> dispatchers, String urlPattern) {
        filters.add(new FilterDeclaration(name, type, Map.copyOf(initParams), EnumSet.copyOf(dispatchers), urlPattern));
        return this;
    }

    /** A servlet declared as in web.xml, loaded at start so that one failing its init fails the start. */
    public WebApp servlet(String name, Servlet servlet, String urlPattern) {
        servlets.add(new ServletDeclaration(name, servlet, urlPattern));
        return this;
    }

    /** An initializer run after those added before it, handed no classes. */
    public WebApp initializer(ServletContainerInitializer initializer) {
        initializers.add(new Initializer(initializer, null));
        return this;
    }

    /** An initializer run after those added before it, handed these classes (as for its {@code @HandlesTypes}). */
    public WebApp initializer(ServletContainerInitializer initializer, Set<Class<?>> classes) {
        initializers.add(new Initializer(initializer, Set.copyOf(classes)));
        return this;
    }

    public WebApp initializers(List<? extends ServletContainerInitializer> more) {
        more.forEach(this::initializer);
        return this;
    }

    /** {@code ""} for the root, else {@code "/name"}. */
    String contextPath() {
        return contextPath;
    }

    /** The path of the application's base URI: ends with {@code /}. */
    String basePath() {
        return contextPath + "/";
    }

    Path docBase() {
        return docBase;
    }

    Map<String, String> params() {
        return Collections.unmodifiableMap(params);
    }

    Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    List<EventListener> listeners() {
        return List.copyOf(listeners);
    }

    List<FilterDeclaration> filters() {
        return List.copyOf(filters);
    }

    List<ServletDeclaration> servlets() {
        return List.copyOf(servlets);
    }

    List<Initializer> initializers() {
        return List.copyOf(initializers);
    }
}
