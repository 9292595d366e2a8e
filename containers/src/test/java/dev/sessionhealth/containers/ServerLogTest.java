package dev.sessionhealth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ServerLog} finds each kind of line in each container's format, and nothing else. */
class ServerLogTest {

    @Test
    void tomcatWarningOfOursIsFound() {
        String line = "04-Dec-2026 23:50:00.123 WARNING [main] dev.sessionhealth.internal.ManagerAssembly.assemble "
                + "sessionhealth: no DSN configured";
        assertEquals(List.of(line), ServerLog.offending("04-Dec-2026 23:50:00.100 INFO [main] x.Y.z started\n" + line));
    }

    @Test
    void wildflyWarningOfOursIsFound() {
        String line = "23:50:00,123 WARN  [dev.sessionhealth.cdi] (ServerService Thread Pool -- 80) something";
        assertEquals(List.of(line), ServerLog.offending(line));
    }

    @Test
    void julTwoLineWarningOfOursIsFound() {
        String log = "Dec 04, 2026 11:50:00 PM dev.sessionhealth.cdi.SessionHealthFeature configure\n"
                + "WARNING: no CDI container\n";
        assertEquals(List.of("WARNING: no CDI container"), ServerLog.offending(log));
    }

    @Test
    void ourMessageAtErrorUnderAnotherLoggerIsFound() {
        String line = "23:50:00,123 ERROR [org.jboss.msc.service.fail] (MSC service thread 1-2) "
                + "WELD-000049: sessionhealth: invalid configuration sessionTimeout=x";
        assertEquals(List.of(line), ServerLog.offending(line));
    }

    @Test
    void resteasyDuplicateAndSlf4jNoticesAreFound() {
        List<String> lines = List.of(
                "23:50:00,123 WARN  [org.jboss.resteasy.resteasy_jaxrs.i18n] (ServerService Thread Pool -- 80) "
                        + "RESTEASY002155: Provider class dev.sessionhealth.cdi.SessionHealthFeature is already registered.  "
                        + "2nd registration is being ignored.",
                "SLF4J: Failed to load class \"org.slf4j.impl.StaticLoggerBinder\".",
                "SLF4J(W): No SLF4J providers were found.",
                "23:50:00,123 ERROR [stderr] (ServerService Thread Pool -- 80) SLF4J: Defaulting to no-operation (NOP) logger implementation");
        assertEquals(lines, ServerLog.offending(String.join("\n", lines)));
    }

    @Test
    void othersWarningsInfoOfOursAndTheSamplesStackTracesAreNotOurs() {
        String log = String.join("\n",
                "04-Dec-2026 23:50:00.123 INFO [main] dev.sessionhealth.internal.ManagerAssembly.assemble sessionhealth: sending to 127.0.0.1",
                "04-Dec-2026 23:50:01.000 SEVERE [http-nio-127.0.0.1-8080-exec-3] org.apache.catalina.core.StandardWrapperValve.invoke "
                        + "Servlet.service() for servlet [dev.sessionhealth.containers.app.PlainServlet] in context with path "
                        + "[/sessionhealth-sample] threw exception",
                "\tat dev.sessionhealth.containers.app.PlainServlet.doGet(PlainServlet.java:20)",
                "23:50:00,123 ERROR [io.undertow.request] (default task-1) UT005023: Exception handling request to "
                        + "/sessionhealth-sample/plain/crash: java.lang.IllegalStateException: boom",
                "23:50:00,123 WARN  [org.jboss.as.txn] (MSC service thread 1-2) WFLYTX0013: the node-identifier is set to 1");
        assertEquals(List.of(), ServerLog.offending(log));
    }
}
