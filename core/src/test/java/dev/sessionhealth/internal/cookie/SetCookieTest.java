package dev.sessionhealth.internal.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SetCookieTest {

    @Test
    void aBrowserSessionCookieForTheWholeApplicationSecureOnlyOnASecureRequest() {
        assertEquals("sh=v; Path=/shop; HttpOnly; SameSite=Lax", SetCookie.header("sh", "v", "/shop", false));
        assertEquals("sh=v; Path=/; HttpOnly; SameSite=Lax; Secure", SetCookie.header("sh", "v", "", true));
        assertEquals("sh=v; Path=/; HttpOnly; SameSite=Lax", SetCookie.header("sh", "v", null, false));
    }
}
