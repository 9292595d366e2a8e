package dev.sessionhealth.containers.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The sample's REST application: every resource under {@code /api}. */
@ApplicationPath("api")
public class SampleApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey only (RESTEasy ignores it): no WADL, which would want a JAXB implementation
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
