package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.CookieFormatContract;
import dev.sessionhealth.cdi.contract.JettyApp;
import dev.sessionhealth.cdi.contract.WithServletFilter;
import java.util.Map;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/** Weld + RESTEasy on Jetty 12, with and without the servlet filter. */
class ResteasyCookieTest extends CookieFormatContract {

    @Override
    protected AppServer start(Map<String, String> contextParams, Map<String, Object> attributes, String filterPattern)
            throws Exception {
        return JettyApp.start(contextParams, attributes, new HttpServletDispatcher(), context -> {
            ResteasyTest.configure(context);
            if (filterPattern != null) {
                WithServletFilter.install(context, filterPattern);
            }
        });
    }
}
