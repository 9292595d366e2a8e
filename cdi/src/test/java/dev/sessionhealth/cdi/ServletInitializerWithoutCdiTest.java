package dev.sessionhealth.cdi;

import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A servlet container loads every {@code ServletContainerInitializer} of the web application's jars,
 * so ours must load and do nothing in an application that has this jar but no CDI API: a class that
 * fails to load there stops the whole application from starting.
 */
class ServletInitializerWithoutCdiTest {

    private static URL locationOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void loadsAndDoesNothingWhereTheCdiApiIsMissing() throws Exception {
        // this module's jar always comes with core's
        URL[] path = {locationOf(SessionHealthServletInitializer.class), locationOf(ServletContext.class),
            locationOf(dev.sessionhealth.SessionOptions.class)};
        try (URLClassLoader noCdi = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("jakarta.enterprise.inject.spi.CDI", false, noCdi), "the test's premise");
            Class<?> type = Class.forName(SessionHealthServletInitializer.class.getName(), true, noCdi);
            Object initializer = type.getConstructor().newInstance();
            Class<?> sci = Class.forName(ServletContainerInitializer.class.getName(), false, noCdi);
            Class<?> context = Class.forName(ServletContext.class.getName(), false, noCdi);
            Method onStartup = sci.getMethod("onStartup", Set.class, context);
            onStartup.invoke(initializer, Set.of(), null); // returns at once: no CDI here
        }
    }
}
