package dev.sessionhealth.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

/** The part of {@link SessionHealthServletInitializer} that uses CDI types: loaded only when the CDI API is present. */
final class CdiHandOff {

    private CdiHandOff() {
    }

    static void handOff(ServletContext context) throws ServletException {
        SessionHealthExtension extension;
        try {
            BeanManager beans = CDI.current().getBeanManager();
            extension = beans.getExtension(SessionHealthExtension.class);
        } catch (IllegalStateException | IllegalArgumentException notHere) {
            return; // no CDI container running (yet), or the extension is not enabled
        }
        try {
            extension.webApplicationStarted(context);
        } catch (DeploymentException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }
}
