package dev.sessionhealth.spring;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.internal.config.WebApplicationConfig;
import dev.sessionhealth.micrometer.SessionHealthMetrics;
import dev.sessionhealth.servlet.SessionHealthFilter;
import dev.sessionhealth.servlet.SessionHealthUserFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Release health for a Spring Boot servlet application: a {@link SessionManager} bean configured from
 * {@code sessionhealth.*} properties, {@link SessionHealthFilter} registered ahead of the
 * application's filters, Spring MVC's resolved exceptions and Spring Security's users and logouts
 * taken into the sessions, and, where Micrometer and Actuator are present, meters, a health and an
 * info contributor.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SessionHealthFilter.class)
public class SessionHealthAutoConfiguration {

    /**
     * The order of {@link SessionHealthFilter}: ahead of the application's filters and Spring
     * Security's chain, so that it sees what escapes any of them.
     */
    static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /** Spring Security's default filter order ({@code spring.security.filter.order}). */
    static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    SessionHealthSettings sessionHealthSettings(ConfigurableEnvironment environment, ApplicationContext context,
            ObjectProvider<BuildProperties> build) {
        String name = environment.getProperty("spring.application.name");
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        String instance = name != null && !name.isBlank() ? name
                : contextPath.isEmpty() || contextPath.equals("/") ? "ROOT" : contextPath;
        return SessionHealthSettings.read(environment, instance, BootRelease.find(context, build.getIfAvailable()),
                context.getClassLoader());
    }

    /** Closed after the web server's graceful shutdown: open sessions end {@code exited}, the rest is flushed. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SessionManager sessionManager(SessionHealthSettings settings) {
        return SessionManager.create(settings.sessionOptions());
    }

    /** Hands the configuration and the manager bean to the filter, through the servlet context. */
    @Bean
    ServletContextInitializer sessionHealthServletContext(SessionHealthSettings settings, SessionManager manager) {
        return context -> {
            context.setAttribute(WebApplicationConfig.ATTRIBUTE, settings.webApplicationConfig());
            context.setAttribute(SessionHealthFilter.MANAGER_ATTRIBUTE, manager);
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "sessionHealthFilter")
    FilterRegistrationBean<SessionHealthFilter> sessionHealthFilter(SessionManager manager) {
        FilterRegistrationBean<SessionHealthFilter> r = new FilterRegistrationBean<>(new SessionHealthFilter());
        r.setName("sessionhealth");
        r.setOrder(FILTER_ORDER);
        r.setAsyncSupported(true);
        r.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE,
                DispatcherType.ASYNC, DispatcherType.ERROR);
        r.addUrlPatterns("/*");
        r.setEnabled(manager.isEnabled());
        return r;
    }

    /** Spring MVC: exceptions the application resolves to a 5xx count as handled errors. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DispatcherServlet.class)
    static class MvcConfiguration implements WebMvcConfigurer {

        private final MvcErrors errors;

        MvcConfiguration(SessionManager manager) {
            this.errors = new MvcErrors(manager);
        }

        @Bean
        MvcErrors sessionHealthMvcErrors() {
            return errors;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(errors).order(Ordered.HIGHEST_PRECEDENCE);
        }
    }

    /**
     * Spring Security: the authenticated user becomes the session's user (a filter behind Security's
     * chain, while {@link SessionHealthFilter} stays ahead of it), and a logout ends the session.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.authentication.event.LogoutSuccessEvent")
    static class SecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sessionHealthUserFilter")
        FilterRegistrationBean<SessionHealthUserFilter> sessionHealthUserFilter(SessionManager manager,
                ConfigurableEnvironment environment) {
            FilterRegistrationBean<SessionHealthUserFilter> r = new FilterRegistrationBean<>(new SessionHealthUserFilter());
            r.setName("sessionhealthUser");
            r.setOrder(environment.getProperty("spring.security.filter.order", Integer.class, SECURITY_FILTER_ORDER) + 1);
            r.setAsyncSupported(true);
            r.setDispatcherTypes(DispatcherType.REQUEST);
            r.addUrlPatterns("/*");
            r.setEnabled(manager.isEnabled());
            return r;
        }

        @Bean
        SecurityLogouts sessionHealthLogouts(SessionManager manager) {
            return new SecurityLogouts(manager);
        }
    }

    /** Micrometer: the manager's counters and gauges, tagged with release and environment only. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry",
            "dev.sessionhealth.micrometer.SessionHealthMetrics"})
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SessionHealthMetrics sessionHealthMetrics(SessionManager manager, SessionHealthSettings settings) {
            return new SessionHealthMetrics(manager, settings.release(),
                    settings.environment());
        }
    }

    /** Actuator: a health contributor ({@code sessionhealth}) and an info contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sessionhealthHealthIndicator")
        SessionHealthIndicator sessionhealthHealthIndicator(SessionManager manager) {
            return new SessionHealthIndicator(manager);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static class InfoConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "sessionhealthInfoContributor")
        SessionHealthInfo sessionhealthInfoContributor(SessionManager manager, SessionHealthSettings settings) {
            return new SessionHealthInfo(manager, settings);
        }
    }
}
