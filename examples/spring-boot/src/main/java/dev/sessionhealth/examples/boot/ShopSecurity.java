package dev.sessionhealth.examples.boot;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;

/**
 * Spring Security for the shop: every page is public, a login is programmatic
 * ({@link SessionController}), and the logout is Security's own at {@code POST /rest/session/logout},
 * answering {@code 204} instead of redirecting (the page calls it with {@code fetch}).
 */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .logout(l -> l.logoutUrl("/rest/session/logout")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                // It's a demo: the shop's API, the simulate button and the receiver (which machines call with
                // a Sentry key, not a cookie) take no CSRF token. A real shop keeps CSRF on for its forms
                // and its cookie-authenticated API.
                .csrf(c -> c.ignoringRequestMatchers("/rest/**", "/dashboard/api/**", "/api/**"));
        return http.build();
    }
}
