package dev.sessionhealth.servlet;

import org.junit.jupiter.api.Nested;

/** Every container contract on embedded Tomcat 11. */
class TomcatContainerTest {

    @Nested
    class CookieMode extends CookieModeContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }
    }

    @Nested
    class HttpSessionMode extends HttpSessionModeContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }
    }

    @Nested
    class RequestMode extends RequestModeContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }
    }

    @Nested
    class Load extends LoadContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }
    }

    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        TestContainer newContainer() {
            return new TomcatContainer();
        }

        @Override
        public String toString() {
            return "tomcat";
        }
    }
}
