package dev.sessionhealth.cdi.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionhealth.testing.Browser;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole contract again with the servlet filter installed in front of the JAX-RS servlet: the
 * filter counts each request and keeps the session cookie, the JAX-RS hook only classifies the
 * resource's exceptions into the filter's tracking, and both share one manager.
 */
public abstract class FilterAndHookContract extends RuntimeContract {

    @Test
    void theFilterSetsTheOnlySessionCookie() throws Exception {
        Browser client = start(params());
        HttpResponse<String> first = client.get("shop/ok");
        List<String> cookies = first.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sessionhealth=")).toList();
        assertEquals(1, cookies.size(), cookies.toString());
        assertTrue(cookies.get(0).split(";")[0].contains("."), "the filter's signed cookie: " + cookies);
        assertTrue(client.get("shop/session").headers().allValues("set-cookie").isEmpty(), "kept, not reissued");
    }
}
