package dev.sessionhealth.spring;

import dev.sessionhealth.internal.ReleaseDetector;
import dev.sessionhealth.internal.wire.IngestRules;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The release a Boot application carries when none is configured: Boot's build info
 * ({@code META-INF/build-info.properties}: {@code name@version}, the artifact when there is no
 * name), else the manifest of the jar holding the {@code @SpringBootApplication} class
 * ({@code Implementation-Title@Implementation-Version}).
 */
final class BootRelease {

    private BootRelease() {
    }

    static String find(ApplicationContext context, BuildProperties build) {
        if (build != null && build.getVersion() != null) {
            String name = build.getName() != null ? build.getName() : build.getArtifact();
            String release = name == null ? build.getVersion() : name + "@" + build.getVersion();
            if (IngestRules.releaseProblem(release) == null) {
                return release;
            }
        }
        for (String bean : context.getBeanNamesForAnnotation(SpringBootApplication.class)) {
            Class<?> type = context.getType(bean);
            if (type != null) {
                String release = ReleaseDetector.fromPackage(ClassUtils.getUserClass(type).getPackage());
                if (release != null) {
                    return release;
                }
            }
        }
        return null;
    }
}
