package dev.sessionhealth.servlet;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A web application's own class loader, child first as a container's: the library and its
 * dependencies ({@code WEB-INF/lib}) load from its URLs even though the test's class path has them
 * too; the platform, the Servlet API and the container come from the parent.
 */
final class WebAppClassLoader extends URLClassLoader {

    private static final String[] PARENT_FIRST = {"java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
        "org.eclipse.jetty.", "org.slf4j.", "org.junit."};

    WebAppClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null && !parentFirst(name)) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    // the parent's then
                }
            }
            if (c == null) {
                c = getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private static boolean parentFirst(String name) {
        for (String p : PARENT_FIRST) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
