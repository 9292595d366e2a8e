package dev.sessionhealth.cdi.jersey;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.app.ShopApplication;
import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.CookieFormatContract;
import dev.sessionhealth.cdi.contract.WithServletFilter;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.WebApp;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Weld + Jersey on Jetty 12, with and without the servlet filter. */
class JerseyCookieTest extends CookieFormatContract {

    @Override
    protected AppServer start(Map<String, String> contextParams, Map<String, Object> attributes, String filterPattern)
            throws Exception {
        WebApp app = AppServer.app(contextParams, attributes,
                new ServletContainer(new ResourceConfig(ShopApplication.CLASSES).register(SessionHealthFeature.class)));
        if (filterPattern != null) {
            WithServletFilter.install(app, filterPattern);
        }
        return AppServer.start(EmbeddedContainer.jetty(), app);
    }
}
