package dev.sessionhealth.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sessionhealth.internal.cookie.CookieSigner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One application, one key signing its cookies, whichever of its integrations asks and how often it is read. */
class WebApplicationConfigTest {

    private static final String KEY = "a cookie key of the cluster";

    private WebApplicationConfig read(Map<String, String> filterInitParams) {
        return WebApplicationConfig.read("/shop", name -> null, List::of, filterInitParams, null,
                getClass().getClassLoader());
    }

    @Test
    void everyoneAskingGetsTheSameSignerAlsoWithARandomKey() {
        WebApplicationConfig c = read(Map.of());
        assertNull(c.configuration().get(CoreOptions.COOKIE_KEY));
        CookieSigner signer = c.cookieKey().signer();
        assertSame(signer, c.cookieKey().signer());
        String value = signer.issue().value();
        assertNull(read(Map.of()).cookieKey().signer().verify(value), "another application, another random key");
    }

    @Test
    void aSecondReadingWithOtherFilterInitParamsKeepsTheRandomKey() {
        WebApplicationConfig first = read(Map.of());
        String value = first.cookieKey().signer().issue().value();
        WebApplicationConfig again = read(Map.of("excludeMethods", "OPTIONS")).sharingCookieKeyOf(first);
        assertNotNull(again.cookieKey().signer().verify(value));
    }

    @Test
    void aSecondReadingWithAnotherCookieKeySignsWithThatKey() {
        WebApplicationConfig first = read(Map.of());
        String random = first.cookieKey().signer().issue().value();
        WebApplicationConfig again = read(Map.of("cookieKey", KEY)).sharingCookieKeyOf(first);
        assertNull(again.cookieKey().signer().verify(random));
        String configured = CookieSigner.withKey(KEY).issue().value();
        assertEquals(configured.substring(0, configured.indexOf('.')), again.cookieKey().signer().verify(configured));
    }
}
