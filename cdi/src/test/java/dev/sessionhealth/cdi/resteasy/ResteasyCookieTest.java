package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.CookieFormatContract;
import dev.sessionhealth.cdi.contract.WithServletFilter;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.WebApp;
import java.util.Map;

/** Weld + RESTEasy on Jetty 12, with and without the servlet filter. */
class ResteasyCookieTest extends CookieFormatContract {

    @Override
    protected AppServer start(Map<String, String> contextParams, Map<String, Object> attributes, String filterPattern)
            throws Exception {
        WebApp app = ResteasyTest.app(contextParams, attributes);
        if (filterPattern != null) {
            WithServletFilter.install(app, filterPattern);
        }
        return AppServer.start(EmbeddedContainer.jetty(), app);
    }
}
