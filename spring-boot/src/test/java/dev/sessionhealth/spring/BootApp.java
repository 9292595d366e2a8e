package dev.sessionhealth.spring;

import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The application the Boot tests run: Spring MVC with handled and unhandled exceptions, Spring
 * Security form login and logout, Actuator. Nothing in it names sessionhealth: the starter on the
 * classpath and three properties are all an application adds.
 */
@SpringBootApplication
public class BootApp {

    /** Resolved by the application's handler to 500: a handled error. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** Resolved by the application's handler to 404: nothing. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @RestController
    static class Pages {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("nobody handles this");
        }

        @GetMapping("/broken")
        String broken() {
            throw new Broken();
        }

        @GetMapping("/missing")
        String missing() {
            throw new Missing();
        }

        @GetMapping("/status/{code}")
        String status(@PathVariable("code") int code) {
            throw new ResponseStatusException(HttpStatus.valueOf(code));
        }

        @GetMapping("/private/me")
        String me(Principal user) {
            return user.getName();
        }

        @ExceptionHandler(Broken.class)
        ResponseEntity<String> onBroken(Broken e) {
            return ResponseEntity.status(500).body("sorry");
        }

        @ExceptionHandler(Missing.class)
        ResponseEntity<String> onMissing(Missing e) {
            return ResponseEntity.status(404).body("no such thing");
        }
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/private/**").authenticated().anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret").roles("USER").build());
    }
}
