package dev.sessionhealth.examples.receiver;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Sentry's envelope endpoint, {@code POST /api/{project}/envelope/}, in front of an {@link EnvelopeIngest}.
 * Like Sentry it wants a public key, in {@code X-Sentry-Auth} or the {@code sentry_key} parameter;
 * any key is accepted.
 */
public final class EnvelopeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Sentry's path, after the DSN's optional path prefix. */
    private static final Pattern ENVELOPE_PATH = Pattern.compile("(/.*)?/api/[A-Za-z0-9]+/envelope/?");

    private final transient EnvelopeIngest ingest;

    public EnvelopeServlet(EnvelopeIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ENVELOPE_PATH.matcher(request.getRequestURI()).matches()) {
            answer(response, 404, "{\"detail\":\"not found\"}");
            return;
        }
        if (!hasKey(request)) {
            answer(response, 401, "{\"detail\":\"missing authorization information\"}");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(EnvelopeIngest.MAX_BODY_BYTES + 1);
        }
        if (body.length > EnvelopeIngest.MAX_BODY_BYTES) {
            answer(response, 413, "{\"detail\":\"envelope too large\"}");
            return;
        }
        EnvelopeIngest.Answer answer = ingest.receive(body, request.getHeader("Content-Encoding"));
        answer(response, answer.status(), answer.body());
    }

    private static boolean hasKey(HttpServletRequest request) {
        String auth = request.getHeader("X-Sentry-Auth");
        return (auth != null && auth.contains("sentry_key=")) || request.getParameter("sentry_key") != null;
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
