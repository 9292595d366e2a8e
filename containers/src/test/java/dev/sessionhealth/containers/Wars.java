package dev.sessionhealth.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Variants of the sample WAR: the same classes and libraries with a {@code WEB-INF/web.xml} of the test's. */
final class Wars {

    private Wars() {
    }

    /** A copy of {@code war} at {@code target} with {@code webXml} as its deployment descriptor. */
    static Path withWebXml(Path war, Path target, String webXml) throws IOException {
        try (InputStream in = Files.newInputStream(war); ZipInputStream zin = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(target); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                if (e.getName().equals("WEB-INF/web.xml")) {
                    continue;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zin.transferTo(zout);
                zout.closeEntry();
            }
            zout.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zout.write(webXml.getBytes(StandardCharsets.UTF_8));
            zout.closeEntry();
        }
        return target;
    }

    /** A web.xml declaring the session health filter for every path with these init-params. */
    static String declaringTheFilter(String... initParams) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < initParams.length; i += 2) {
            params.append("    <init-param><param-name>").append(initParams[i]).append("</param-name><param-value>")
                    .append(initParams[i + 1]).append("</param-value></init-param>\n");
        }
        return webApp("""
                  <filter>
                    <filter-name>sessionhealth</filter-name>
                    <filter-class>dev.sessionhealth.servlet.SessionHealthFilter</filter-class>
                    <async-supported>true</async-supported>
                %s  </filter>
                  <filter-mapping>
                    <filter-name>sessionhealth</filter-name>
                    <url-pattern>/*</url-pattern>
                    <dispatcher>REQUEST</dispatcher>
                    <dispatcher>FORWARD</dispatcher>
                    <dispatcher>INCLUDE</dispatcher>
                    <dispatcher>ERROR</dispatcher>
                    <dispatcher>ASYNC</dispatcher>
                  </filter-mapping>
                """.formatted(params));
    }

    /** A web.xml with one context-param. */
    static String withContextParam(String name, String value) {
        return webApp("""
                  <context-param><param-name>%s</param-name><param-value>%s</param-value></context-param>
                """.formatted(name, value));
    }

    private static String webApp(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                         version="6.0">
                %s</web-app>
                """.formatted(body);
    }
}
