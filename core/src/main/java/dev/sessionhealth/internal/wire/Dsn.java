package dev.sessionhealth.internal.wire;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A parsed DSN: {@code {scheme}://{public_key}[:{secret}]@{host}[:{port}]{path}/{project_id}}.
 * Error messages never contain the key.
 */
public record Dsn(String publicKey, URI envelopeUri) {

    public static Dsn parse(String dsn) {
        URI uri;
        try {
            uri = new URI(dsn.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("dsn is not a valid URI (expected https://KEY@HOST/PROJECT_ID)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("dsn must use http or https, not '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("dsn has no host (expected https://KEY@HOST/PROJECT_ID)");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
            throw new IllegalArgumentException("dsn has no public key before '@' (expected https://KEY@" + uri.getHost() + "/PROJECT_ID)");
        }
        String publicKey = userInfo.split(":", 2)[0];
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        String projectId = path.substring(slash + 1);
        if (projectId.isEmpty() || !projectId.chars().allMatch(Character::isLetterOrDigit)) {
            throw new IllegalArgumentException("dsn must end with a project id, for example https://KEY@"
                    + uri.getHost() + "/42, not '" + path + "'");
        }
        String prefix = slash < 0 ? "" : path.substring(0, slash);
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        URI envelope = URI.create(scheme + "://" + uri.getHost() + port + prefix + "/api/" + projectId + "/envelope/");
        return new Dsn(publicKey, envelope);
    }

    @Override
    public String toString() {
        return "Dsn[" + envelopeUri + "]";
    }
}
