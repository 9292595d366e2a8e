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
}
