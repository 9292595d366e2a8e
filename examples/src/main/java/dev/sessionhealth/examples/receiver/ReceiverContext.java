package dev.sessionhealth.examples.receiver;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The embedded receiver as a Jetty context at {@code /api}, so DSNs without a path prefix reach it. */
public final class ReceiverContext {

    private ReceiverContext() {
    }

    public static ServletContextHandler create(ReleaseHealthBoard board, ObjectMapper json) {
        ServletContextHandler receiver = new ServletContextHandler("/api");
        receiver.setDisplayName("embedded receiver");
        receiver.addServlet(new ServletHolder("envelopes", new EnvelopeServlet(new EnvelopeIngest(board, json))), "/*");
        return receiver;
    }
}
