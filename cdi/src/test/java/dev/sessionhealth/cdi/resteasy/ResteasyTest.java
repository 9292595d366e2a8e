package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.RuntimeContract;
import dev.sessionhealth.testing.EmbeddedContainer;
import dev.sessionhealth.testing.WebApp;
import java.util.Map;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/**
 * Weld + RESTEasy (resteasy-cdi) on embedded Jetty 12. The application lists its classes, so
 * RESTEasy scans for nothing: it lists the sessionhealth feature too ({@link ShopApplicationWithFeature}).
 */
class ResteasyTest extends RuntimeContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> AppServer.start(EmbeddedContainer.jetty(), app(params, attributes));
    }

    /** The test application with RESTEasy's servlet and the context-params RESTEasy reads. */
    static WebApp app(Map<String, String> contextParams, Map<String, Object> attributes) {
        return AppServer.app(contextParams, attributes, new HttpServletDispatcher())
                .param("jakarta.ws.rs.Application", ShopApplicationWithFeature.class.getName())
                .param("resteasy.servlet.mapping.prefix", "/api")
                .param("resteasy.injector.factory", "org.jboss.resteasy.cdi.CdiInjectorFactory");
    }

    /** Not seen: RESTEasy offers no hook for it (a known limit). */
    @Override
    protected String nonBeanCrash() {
        return "OK 0";
    }
}
