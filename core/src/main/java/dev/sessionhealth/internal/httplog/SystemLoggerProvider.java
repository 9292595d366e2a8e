package dev.sessionhealth.internal.httplog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the HttpClient 5 bundled in this jar: its log goes to {@link System.Logger},
 * like the library's own, so the container's logging configuration applies to it.
 *
 * <p>The jar carries HttpClient 5 and the SLF4J API it logs through relocated under
 * {@code dev.sessionhealth.internal.shaded}; the relocated SLF4J finds this provider (and only this
 * one) through its relocated {@code META-INF/services} entry. The application's own SLF4J, if any,
 * never sees it, and a WAR gets no SLF4J jar from us, hence no "no provider" notice.
 */
public final class SystemLoggerProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = new Factory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99"; // what SLF4J's own 2.0 providers ask for
    }

    @Override
    public void initialize() {
    }

    private static final class Factory implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return byName.computeIfAbsent(name, SystemLoggerAdapter::new);
        }
    }
}
