package dev.sessionhealth.servlet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sessionhealth.SessionContext;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.SessionOptions;
import dev.sessionhealth.Transport;
import dev.sessionhealth.internal.DefaultSessionManager;
import dev.sessionhealth.internal.RequestSessions;
import dev.sessionhealth.internal.cookie.CookieKey;
import dev.sessionhealth.internal.cookie.CookieSigner;
import org.junit.jupiter.api.Test;

/** The filter's use of the cookie format: a key the registry holds needs no HMAC. */
class CookieSessionResolverTest {

    @Test
    void aKnownKeyIsAcceptedWithoutACheckAndAnUnknownOneOnlyWithTheRightSignature() {
        CookieSigner signer = CookieSigner.withKey("a key of at least sixteen characters");
        Transport discard = envelope -> new Transport.Response(200, null, null);
        SessionOptions options = SessionOptions.builder().release("test@1").persistence(false).build();
        try (SessionManager manager = SessionManager.builder(options).transport(discard).build()) {
            DefaultSessionManager m = (DefaultSessionManager) manager;
            RequestSessions sessions = RequestSessions.of(manager, "test");
            CookieSessionResolver resolver = new CookieSessionResolver(sessions, signer, "sessionhealth", false);
            CookieSessionResolver otherKey = new CookieSessionResolver(sessions,
                    CookieSigner.withKey("another key of sixteen characters"), "sessionhealth", false);

            String genuine = signer.issue().value();
            assertEquals(CookieKey.parse(genuine), resolver.check(genuine));
            assertNull(otherKey.check(genuine), "signed with another key and not known");

            m.registry().touch(CookieKey.parse(genuine), SessionContext.EMPTY, null, null);
            assertEquals(CookieKey.parse(genuine), otherKey.check(genuine), "known: checked when it was stored");

            String wrong = genuine.substring(0, genuine.indexOf('.') + 1) + "A".repeat(43);
            assertNull(resolver.check(wrong), "same id, wrong signature, while the id's session is open");
        }
    }
}
