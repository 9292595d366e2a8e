package dev.sessionhealth.servlet;

import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.session.SessionState;
import dev.sessionhealth.testing.Browser;
import dev.sessionhealth.testing.EmbeddedContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** What every contract shares: a fresh harness per test on the container the subclass names. */
@Timeout(120)
abstract class ContractBase {

    Harness h;

    /** The container this run of the contract uses. */
    abstract EmbeddedContainer newContainer();

    @BeforeEach
    void createHarness() {
        h = new Harness(newContainer());
    }

    @AfterEach
    void closeHarness() throws Exception {
        h.close();
    }

    /** The live state behind a visitor's cookie (the registry key is the decoded cookie). */
    SessionState stateOf(Browser v) {
        return h.internals().registry().get(CookieKey.parse(v.cookie(Harness.COOKIE)));
    }
}
