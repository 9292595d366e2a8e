package dev.sessionhealth.cdi.jersey;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.app.ShopApplication;
import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.FilterAndHookContract;
import dev.sessionhealth.cdi.contract.WithServletFilter;
import dev.sessionhealth.testing.EmbeddedContainer;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Weld + Jersey on Jetty 12 with the servlet filter in front. */
class JerseyWithFilterTest extends FilterAndHookContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> AppServer.start(EmbeddedContainer.jetty(), WithServletFilter.install(
                AppServer.app(params, attributes, new ServletContainer(new ResourceConfig(ShopApplication.CLASSES).register(SessionHealthFeature.class)))));
    }

    /** Jersey's event listener sees it. */
    @Override
    protected String nonBeanCrash() {
        return "CRASHED 1";
    }
}
