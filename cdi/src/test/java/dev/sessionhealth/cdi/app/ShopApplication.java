package dev.sessionhealth.cdi.app;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The application's classes; the sessionhealth feature is found by the runtime or added by the test. */
public class ShopApplication extends Application {

    public static final Set<Class<?>> CLASSES = Set.of(ShopResource.class, EventsResource.class, PlainResource.class,
            OutOfStockMapper.class, PaymentFailedMapper.class);

    @Override
    public Set<Class<?>> getClasses() {
        return CLASSES;
    }
}
