package dev.sessionhealth.servlet;

import org.junit.jupiter.api.Nested;

/** Every container contract on embedded Jetty 12 (ee10). */
class JettyContainerTest {

    @Nested
    class CookieMode extends CookieModeContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }
    }

    @Nested
    class HttpSessionMode extends HttpSessionModeContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }
    }

    @Nested
    class RequestMode extends RequestModeContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }
    }

    @Nested
    class Load extends LoadContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }
    }

    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        TestContainer newContainer() {
            return new JettyContainer();
        }

        @Override
        public String toString() {
            return "jetty";
        }
    }
}
