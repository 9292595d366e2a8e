package dev.sessionhealth.cdi.jersey;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.app.ShopApplication;
import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.FilterAndHookContract;
import dev.sessionhealth.servlet.SessionHealthInitializer;
import dev.sessionhealth.testing.EmbeddedContainer;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * Weld + Jersey on embedded Tomcat 11, with the servlet filter registered by its own
 * ServletContainerInitializer (as in a WAR holding both modules).
 */
class JerseyOnTomcatTest extends FilterAndHookContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> AppServer.start(EmbeddedContainer.tomcat(), AppServer.app(params, attributes,
                new ServletContainer(new ResourceConfig(ShopApplication.CLASSES).register(SessionHealthFeature.class)))
                .initializer(new SessionHealthInitializer()));
    }

    /** Jersey's event listener sees it. */
    @Override
    protected String nonBeanCrash() {
        return "CRASHED 1";
    }
}
