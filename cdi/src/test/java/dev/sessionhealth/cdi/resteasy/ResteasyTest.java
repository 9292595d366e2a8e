package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.JettyApp;
import dev.sessionhealth.cdi.contract.RuntimeContract;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.jboss.resteasy.plugins.server.servlet.HttpServletDispatcher;

/**
 * Weld + RESTEasy (resteasy-cdi) on embedded Jetty 12. The application lists its classes, so
 * RESTEasy scans for nothing: it lists the sessionhealth feature too ({@link ShopApplicationWithFeature}).
 */
class ResteasyTest extends RuntimeContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> JettyApp.start(params, attributes, new HttpServletDispatcher(), ResteasyTest::configure);
    }

    static void configure(ServletContextHandler context) {
        context.setInitParameter("jakarta.ws.rs.Application", ShopApplicationWithFeature.class.getName());
        context.setInitParameter("resteasy.servlet.mapping.prefix", "/api");
        context.setInitParameter("resteasy.injector.factory", "org.jboss.resteasy.cdi.CdiInjectorFactory");
    }

    /** Not seen: RESTEasy offers no hook for it (a known limit). */
    @Override
    protected String nonBeanCrash() {
        return "OK 0";
    }
}
