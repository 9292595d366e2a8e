package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.contract.AppServer;
import dev.sessionhealth.cdi.contract.FilterAndHookContract;
import dev.sessionhealth.cdi.contract.WithServletFilter;
import dev.sessionhealth.testing.EmbeddedContainer;

/** Weld + RESTEasy on Jetty 12 with the servlet filter in front. */
class ResteasyWithFilterTest extends FilterAndHookContract {

    @Override
    protected AppServer.Starter starter() {
        return (params, attributes) -> AppServer.start(EmbeddedContainer.jetty(),
                WithServletFilter.install(ResteasyTest.app(params, attributes)));
    }

    /** Not seen by the hook; the filter counts the 500 as an error. */
    @Override
    protected String nonBeanCrash() {
        return "OK 1";
    }
}
