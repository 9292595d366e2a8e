package dev.sessionhealth.cdi.resteasy;

import dev.sessionhealth.cdi.SessionHealthFeature;
import dev.sessionhealth.cdi.app.ShopApplication;
import java.util.HashSet;
import java.util.Set;

/**
 * The shop's classes plus the sessionhealth feature, the way an application lists it when it names
 * its classes (then RESTEasy, like every runtime, scans for no {@code @Provider}).
 */
public class ShopApplicationWithFeature extends ShopApplication {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(super.getClasses());
        classes.add(SessionHealthFeature.class);
        return classes;
    }
}
