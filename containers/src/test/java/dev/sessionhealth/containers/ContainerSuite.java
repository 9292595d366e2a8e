package dev.sessionhealth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.FakeIngest;
import dev.sessionhealth.testing.Poll;
import dev.sessionhealth.testing.ReceivedEnvelope;
import dev.sessionhealth.testing.SentryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The same scenario on every container: install the distribution in a temporary folder, deploy
 * the one WAR, start the container as a separate process with {@code SENTRY_DSN} and
 * {@code SENTRY_RELEASE} pointing at a local ingest, drive traffic with real cookies, and check
 * what arrives; a test then stops the container and checks the final flush. Next to the sample WAR
 * the same server runs three variants with a web.xml: the filter declared with init-params (a
 * second application with the same DSN), a bad init-param and a bad context-param (deployments that
 * must fail). The last test starts the server again with a bad system property.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
abstract class ContainerSuite {

    static final String RELEASE = "sessionhealth-sample@1.0.0";
    static final String SECOND = "sessionhealth-second";
    static final String BAD_INIT_PARAM = "sessionhealth-badinit";
    static final String BAD_CONTEXT_PARAM = "sessionhealth-badcontext";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN = Duration.ofMinutes(2);

    private FakeIngest ingest;
    private Container container;
    private ContainerProcess process;
    private Path dir;
    /** The first browser: it waits for the deployment, and its session stays open until the stop. */
    private Browser first;

    abstract Container container();

    static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return Path.of(value);
    }

    @BeforeAll
    void startContainer() throws Exception {
        ingest = FakeIngest.start();
        container = container();
        Path work = Files.createDirectories(path("containers.work"));
        dir = Files.createTempDirectory(work, container.name() + "-");
        Path war = path("containers.war");
        container.install(dir, war);
        container.deploy(dir, Wars.withWebXml(war, dir.resolve(SECOND + ".war"), Wars.declaringTheFilter(
                "cookieName", "secondsid", "environment", "second", "sessionTimeout", "60s")), SECOND);
        container.deploy(dir, Wars.withWebXml(war, dir.resolve(BAD_INIT_PARAM + ".war"), Wars.declaringTheFilter(
                "sessionTimeout", "30 min")), BAD_INIT_PARAM);
        container.deploy(dir, Wars.withWebXml(war, dir.resolve(BAD_CONTEXT_PARAM + ".war"),
                Wars.withContextParam("sessionhealth.mode", "cookies")), BAD_CONTEXT_PARAM);
        process = start(List.of(), "container.log");
        first = new Browser(container.base());
        awaitDeployment();
    }

    private ContainerProcess start(List<String> systemProperties, String log) throws IOException {
        Map<String, String> env = new HashMap<>(container.environment(dir, systemProperties));
        env.put("SENTRY_DSN", ingest.dsn());
        env.put("SENTRY_RELEASE", RELEASE);
        return ContainerProcess.start(container.command(dir, systemProperties), dir, env, dir.resolve(log));
    }

    @AfterAll
    void killContainer() {
        if (process != null) {
            process.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    @Order(1)
    void restAndCdiComeFromWhereTheReadmeSays() throws Exception {
        HttpResponse<String> reply = first.get("api/runtime");
        assertEquals(200, reply.statusCode(), reply.body());
        String report = reply.body();
        assertTrue(report.contains("injected=true"), report);
        assertTrue(report.contains("enabled=true"), report);
        for (String line : report.split("\n")) {
            if (line.startsWith("rest=") || line.startsWith("cdi=")) {
                assertTrue(line.contains(container.restAndCdiOrigin()),
                        line + " should come from " + container.restAndCdiOrigin());
            }
        }
    }

    @Test
    @Order(2)
    void unmappedExceptionInAResourceArrivesAsCrashed() throws Exception {
        Browser browser = new Browser(container.base());
        String sid = sessionId(browser);
        assertEquals(200, browser.get("api/ok").statusCode());
        assertEquals(500, browser.get("api/crash").statusCode());
        awaitSessions(s -> s.endedAs(sid, "crashed", 1), "session " + sid + " crashed with 1 error");
        assertEquals(1, received().initCount(sid));
    }

    @Test
    @Order(3)
    void exceptionFromAPlainServletArrivesAsCrashed() throws Exception {
        Browser browser = new Browser(container.base());
        String sid = sessionId(browser);
        assertEquals(500, browser.get("plain/crash").statusCode());
        awaitSessions(s -> s.endedAs(sid, "crashed", 1), "session " + sid + " crashed with 1 error");
    }

    @Test
    @Order(4)
    void loginStartsAUserSessionAndLogoutEndsItExited() throws Exception {
        Browser browser = new Browser(container.base());
        String anonymous = sessionId(browser);
        HttpResponse<String> login = browser.post("api/login?user=alice");
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("hello alice", login.body());
        String user = sessionId(browser);
        assertNotEquals(anonymous, user);
        assertEquals(200, browser.post("api/logout").statusCode());
        awaitSessions(s -> s.endedAs(anonymous, "exited", 0) && s.endedAs(user, "exited", 0),
                "anonymous " + anonymous + " and user " + user + " sessions exited");
        ReceivedSessions sessions = received();
        assertTrue(sessions.last(user).map(u -> u.get("did") instanceof String).orElse(false), sessions::toString);
        assertEquals(1, sessions.initCount(user));
    }

    @Test
    @Order(10)
    void initParamsOfAFilterDeclaredInWebXmlTakeEffectNextToCdi() throws Exception {
        Browser second = new Browser(container.base(SECOND));
        awaitReady(second);
        String sid = sessionId(second);
        assertTrue(second.cookieNames().contains("secondsid"), () -> "the init-param's cookie name, got "
                + second.cookieNames());
        String report = second.get("api/runtime").body();
        assertTrue(report.contains("injected=true") && report.contains("enabled=true"), report);
        awaitSessions(s -> s.last(sid).map(u -> "second".equals(attrs(u).get("environment"))).orElse(false),
                "session " + sid + " of the second application with the init-param's environment");
        String log = process.log();
        assertTrue(log.contains("sessionTimeout = '60s' from filter init-param sessionTimeout"), log);
    }

    @Test
    @Order(11)
    void twoApplicationsWithOneDsnKeepSeparateStateDirectories() {
        String log = process.log();
        String sample = stateDirectoryOf(log, "/" + Container.CONTEXT);
        String second = stateDirectoryOf(log, "/" + SECOND);
        assertNotEquals(sample, second);
        assertFalse(log.contains("keeps no journal"), log);
    }

    @Test
    @Order(12)
    void aBadInitParamOrContextParamFailsItsDeploymentWithTheMessageAndNoRequestIsAnsweredWithOurError()
            throws Exception {
        awaitLog(process, "sessionTimeout='30 min' from filter init-param sessionTimeout");
        awaitLog(process, "mode='cookies' from context-param sessionhealth.mode");
        for (String context : List.of(BAD_INIT_PARAM, BAD_CONTEXT_PARAM)) {
            assertNotOurError(new Browser(container.base(context)).get("api/session"), context);
        }
    }

    @Test
    @Order(50)
    void stoppingTheContainerEndsOpenSessionsAsExitedInTheFinalFlushWithTheirHandledErrors() throws Exception {
        String quiet = sessionId(first);
        assertEquals(200, first.get("api/ok").statusCode());
        Browser recovering = new Browser(container.base());
        String recorded = sessionId(recovering);
        assertEquals(200, recovering.get("api/recorded").statusCode());
        Browser mapping = new Browser(container.base());
        String mapped = sessionId(mapping);
        assertEquals(503, mapping.get("api/handled").statusCode());
        assertTrue(received().last(quiet).map(u -> "ok".equals(u.get("status"))).orElse(true),
                "the open session must not have ended before the stop");

        assertTrue(process.stop(SHUTDOWN), () -> "container did not stop:\n" + process.logTail(4000));

        ReceivedSessions sessions = received();
        assertTrue(sessions.endedAs(quiet, "exited", 0), () -> quiet + " exited, got\n" + sessions);
        assertTrue(sessions.endedAs(recorded, "exited", 1), () -> recorded + " exited with 1 error, got\n" + sessions);
        assertTrue(sessions.endedAs(mapped, "exited", 1), () -> mapped + " exited with 1 error, got\n" + sessions);
        for (String sid : sessions.sids()) {
            assertEquals(1, sessions.initCount(sid), () -> sid + " announced once, got\n" + sessions);
            assertNotEquals("ok", sessions.last(sid).orElseThrow().get("status"),
                    () -> sid + " still open after the stop:\n" + sessions);
        }
        assertEquals(2, sessions.count("crashed"), sessions::toString);
        assertEveryEnvelopeReadsWithTheSentrySdk();
    }

    /**
     * The whole output of the container (deployment, the traffic above, shutdown) with a clean
     * configuration: no warning or error of ours, no duplicate JAX-RS provider registration, no
     * SLF4J notice. After the stop, so that nothing is missing.
     */
    @Test
    @Order(55)
    void aCleanDeploymentLeavesNoWarningOfOursAndNoNoiseInTheServerLog() {
        // the two deployments this suite breaks on purpose fail with our message: not the clean ones' noise
        List<String> offending = ServerLog.offending(process.log()).stream()
                .filter(line -> !line.contains(BAD_INIT_PARAM) && !line.contains(BAD_CONTEXT_PARAM)
                        && !line.contains("invalid configuration"))
                .toList();
        assertTrue(offending.isEmpty(), () -> container.name() + " output has:\n" + String.join("\n", offending));
    }

    @Test
    @Order(60)
    void aBadSystemPropertyFailsTheDeploymentWithTheMessage() throws Exception {
        process.close(); // stopped by the test before; this start has a bad system property
        process = start(List.of("-Dsessionhealth.sessionTimeout=soon"), "container-bad-property.log");
        awaitLog(process, "sessionTimeout='soon' from system property sessionhealth.sessionTimeout");
        assertNotOurError(new Browser(container.base()).get("api/session"), Container.CONTEXT);
    }

    /** A failed deployment answers what the container answers for it (404, 503), never our 500. */
    private void assertNotOurError(HttpResponse<String> reply, String context) {
        int status = reply.statusCode();
        assertTrue(status != 200 && status != 500 && !reply.body().contains("invalid configuration"),
                () -> context + " answered " + status + ": " + reply.body());
    }

    /** The state directory in the effective configuration the application under {@code contextPath} logged. */
    private static String stateDirectoryOf(String log, String contextPath) {
        int block = log.indexOf("sessionhealth: configuration of " + contextPath + " (");
        assertTrue(block >= 0, () -> "no effective configuration of " + contextPath + " in\n" + log);
        String marker = "stateDirectory = '";
        int start = log.indexOf(marker, block) + marker.length();
        return log.substring(start, log.indexOf('\'', start));
    }

    /** The id of the session this browser is in now, as the application sees it. */
    private static String sessionId(Browser browser) {
        return browser.getOk("api/session").trim();
    }

    /** Polls a process we do not control: every 250 ms, within the startup bound. */
    private static Poll startup() {
        return Poll.atMost(STARTUP).every(Duration.ofMillis(250));
    }

    private void awaitLog(ContainerProcess p, String text) throws InterruptedException {
        startup().until(() -> "in the log: " + text + "\n" + p.logTail(6000), () -> {
            if (p.log().contains(text)) {
                return true;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited; expected in the log: " + text + "\n" + p.logTail(6000));
            }
            return false;
        });
    }

    private void awaitReady(Browser browser) throws InterruptedException {
        startup().ignoring(UncheckedIOException.class) // not listening yet
                .until(() -> "ready:\n" + process.logTail(6000), () -> browser.get("api/session").statusCode() == 200);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attrs(Map<String, Object> update) {
        Object attrs = update.get("attrs");
        return attrs instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** What the container sent is what Sentry's own SDK reads, with the release from the environment. */
    private void assertEveryEnvelopeReadsWithTheSentrySdk() {
        for (ReceivedEnvelope envelope : ingest.envelopes()) {
            List<io.sentry.Session> read = SentryReader.sessions(envelope.body());
            assertEquals(envelope.payloads("session").size(), read.size(), envelope::text);
            for (io.sentry.Session session : read) {
                assertEquals(RELEASE, session.getRelease(), envelope::text);
            }
        }
    }

    private ReceivedSessions received() {
        return ReceivedSessions.of(ingest);
    }

    private void awaitSessions(Predicate<ReceivedSessions> condition, String what) throws InterruptedException {
        Poll.atMost(ARRIVAL).until(() -> what + "; received:\n" + received() + "\ncontainer log tail:\n"
                + process.logTail(3000), () -> condition.test(received()));
    }

    /** Until the first browser's request is answered 200 (the last status or failure shows if it never is). */
    private void awaitDeployment() throws InterruptedException {
        startup().ignoring(UncheckedIOException.class).until(() -> container.name() + " deployed the application:\n"
                + process.logTail(6000), () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(container.name() + " exited:\n" + process.logTail(6000));
                    }
                    return first.get("api/session").statusCode();
                }, status -> status == 200);
    }
}
