package dev.sessionhealth.examples.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionhealth.SessionManager;
import dev.sessionhealth.examples.receiver.ReleaseHealthBoard;
import dev.sessionhealth.examples.simulator.TrafficSimulator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The release-health dashboard: a static page (HTML, CSS, JS from the class path, no build step)
 * that polls {@code api/stats} (what the embedded receiver counted) and {@code api/library} (the demo's
 * own {@link SessionManager#stats()}), and {@code api/simulate} behind the page's "simulate traffic" button.
 */
public final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of(
            "/", "text/html; charset=utf-8",
            "/index.html", "text/html; charset=utf-8",
            "/dashboard.css", "text/css; charset=utf-8",
            "/dashboard.js", "text/javascript; charset=utf-8");

    private final transient ReleaseHealthBoard board;
    private final transient Supplier<LibraryStats> library;
    private final transient ObjectMapper json;
    private final transient TrafficSimulator simulation;
    private final transient DemoInfo info;

    /** With the library's counters from {@code library} (one manager's, or a cluster's nodes' added up). */
    public DashboardServlet(ReleaseHealthBoard board, Supplier<LibraryStats> library, ObjectMapper json,
            TrafficSimulator simulation, DemoInfo info) {
        this.board = board;
        this.library = library;
        this.json = json;
        this.simulation = simulation;
        this.info = info;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() == null) {
            // "/dashboard" where the servlet is mapped to /dashboard/* (Spring Boot): the page's links are relative
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        String path = request.getPathInfo();
        response.setHeader("Cache-Control", "no-store");
        if (path.equals("/api/stats")) {
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), board.stats());
        } else if (path.equals("/api/library")) {
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), library.get());
        } else if (path.equals("/api/info")) {
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), info);
        } else if (path.equals("/api/simulation")) {
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), simulation.status());
        } else if (FILES.containsKey(path)) {
            serve(path.equals("/") ? "/index.html" : path, FILES.get(path), response);
        } else {
            response.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/api/simulate".equals(request.getPathInfo())) {
            response.sendError(404);
            return;
        }
        boolean started = simulation.start();
        response.setStatus(started ? 202 : 409);
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), simulation.status());
    }

    private static void serve(String file, String contentType, HttpServletResponse response) throws IOException {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("/dashboard" + file)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            response.setContentType(contentType);
            in.transferTo(response.getOutputStream());
        }
    }
}
