package dev.sessionhealth.containers.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A plain servlet (no Jakarta REST): its exception reaches the servlet filter directly. */
@WebServlet("/plain/*")
public class PlainServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("/crash".equals(request.getPathInfo())) {
            throw new ServletException("plain servlet failure");
        }
        response.setContentType("text/plain");
        response.getWriter().write("plain ok");
    }
}
