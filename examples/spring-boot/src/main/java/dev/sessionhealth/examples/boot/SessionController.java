package dev.sessionhealth.examples.boot;

import dev.sessionhealth.SessionManager;
import dev.sessionhealth.examples.app.SessionView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Login and the current session. A login is Spring Security's: the application tells Security who
 * the user is, and the starter takes the user from there (its user filter, behind Security's chain,
 * starts the user's session on the next request, ending the anonymous one {@code exited}). The
 * logout at {@code POST /rest/session/logout} is Spring Security's own ({@link ShopSecurity}); the
 * starter ends the session on its logout event.
 */
@RestController
@RequestMapping("/rest/session")
class SessionController {

    private final SessionManager sessions;
    private final SecurityContextHolderStrategy security = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SessionController(SessionManager sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/login")
    Map<String, Object> login(@RequestParam(name = "user", required = false) String user, HttpServletRequest request,
            HttpServletResponse response) {
        if (user == null || user.isBlank() || user.length() > 64) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "user is required");
        }
        // a real application checks a password here (an AuthenticationManager); the demo trusts the name
        SecurityContext context = security.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        security.setContext(context);
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation across a login
        }
        repository.saveContext(context, request, response); // in the HTTP session: the next request has the user
        return Map.of("user", user);
    }

    /** The current session as the library sees it (the shop page shows it). */
    @GetMapping
    Map<String, Object> current() {
        return sessions.currentSession().map(SessionView::describe).orElse(Map.of());
    }
}
