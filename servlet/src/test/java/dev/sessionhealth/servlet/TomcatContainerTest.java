package dev.sessionhealth.servlet;

import dev.sessionhealth.testing.EmbeddedContainer;
import org.junit.jupiter.api.Nested;

/** Every container contract on embedded Tomcat 11. */
class TomcatContainerTest {

    @Nested
    class CookieMode extends CookieModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }
    }

    @Nested
    class HttpSessionMode extends HttpSessionModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }
    }

    @Nested
    class RequestMode extends RequestModeContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }
    }

    @Nested
    class Lifecycle extends LifecycleContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }
    }

    @Nested
    class Load extends LoadContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }
    }

    @Nested
    class HostileInput extends HostileInputContract {
        @Override
        EmbeddedContainer newContainer() {
            return EmbeddedContainer.tomcat();
        }

        @Override
        public String toString() {
            return "tomcat";
        }
    }
}
