package dev.sessionhealth.cdi.jersey;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.app.ShopApplication;
import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.RuntimeContract;
import dev.sessionhealth.testing.EmbeddedContainer;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Weld + Jersey (with jersey-cdi1x) on embedded Jetty 12. */
class JerseyTest extends RuntimeContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> AppServer.start(EmbeddedContainer.jetty(), AppServer.app(params, attributes,
                new ServletContainer(new ResourceConfig(ShopApplication.CLASSES).register(SessionHealthFeature.class))));
    }

    /** Jersey's event listener sees it. */
    @Override
    protected String nonBeanCrash() {
        return "CRASHED 1";
    }
}
