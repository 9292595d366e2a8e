package dev.sessionhealth.servlet;

import dev.sessionhealth.testing.EmbeddedContainer;
import org.junit.jupiter.api.Nested;

/** Every container contract on embedded Jetty 12 (ee10). */
class JettyContainerTest {

    @Nested
    class CookieMode extends CookieModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }
    }

    @Nested
    class HttpSessionMode extends HttpSessionModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }
    }

    @Nested
    class RequestMode extends RequestModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }
    }

    @Nested
    class Load extends LoadContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }
    }

    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.jetty();
        }

        @Override
        public String toString() {
            return "jetty";
        }
    }
}
