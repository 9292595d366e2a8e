package dev.sessionhealth.spring;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.config.CoreOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Actuator info under {@code sessionhealth}: whether it tracks, the release, environment and mode. */
final class SessionHealthInfo implements InfoContributor {

    private final SessionManager manager;
    private final SessionHealthSettings settings;

    SessionHealthInfo(SessionManager manager, SessionHealthSettings settings) {
        this.manager = manager;
        this.settings = settings;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enabled", manager.isEnabled());
        details.put("release", settings.release());
        details.put("environment", settings.environment());
        details.put("mode", settings.configuration().get(CoreOptions.MODE).value());
        details.put("instance", settings.configuration().get(CoreOptions.INSTANCE));
        builder.withDetail("sessionhealth", details);
    }
}
