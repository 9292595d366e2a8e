package dev.sessionhealth.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client that writes header bytes exactly as given (control characters, non-UTF-8 bytes, sizes
 * that {@code java.net.http} refuses) over a plain socket and reads the whole response.
 */
final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** A response: status, header lines (name: value, as received) and the decoded body. */
    record Response(int status, List<String> headers, String body) {

        List<String> setCookies() {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith("set-cookie:")).toList();
        }

        /** What the application produced, for comparing a run with and without the library. */
        String served() {
            return status + "\n" + body;
        }
    }

    /** GET {@code path} (relative to {@code base}) with these raw header lines, each without CRLF. */
    static Response get(URI base, String path, List<byte[]> headerLines) {
        URI uri = base.resolve(path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(ascii("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                    + uri.getPort() + "\r\nConnection: close\r\n"));
            for (byte[] line : headerLines) {
                request.writeBytes(line);
                request.writeBytes(ascii("\r\n"));
            }
            request.writeBytes(ascii("\r\n"));
            out.write(request.toByteArray());
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A header line {@code name: value} with the value's bytes as given. */
    static byte[] header(String name, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ascii(name + ": "));
        b.writeBytes(value);
        return b.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a container may reset the connection after answering an oversized request
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete response head: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        String body = text.substring(end + 4);
        boolean chunked = headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                && h.toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < body.length()) {
            int nl = body.indexOf("\r\n", pos);
            int size = Integer.parseInt(body.substring(pos, nl).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, nl + 2, nl + 2 + size);
            pos = nl + 2 + size + 2;
        }
        return out.toString();
    }
}
