package dev.sessionhealth.spring;

import dev.sessionhealth.SessionManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC's view of a request's exception. As the first {@link HandlerExceptionResolver} it notes
 * that the handler threw (and resolves nothing); as an interceptor it learns the outcome: an exception
 * the application resolved ({@code @ExceptionHandler}, {@code @ControllerAdvice},
 * {@code ResponseStatusException}) to a 5xx status is one handled error of the session, below 500
 * nothing. One that nobody resolved leaves the dispatcher and {@code SessionHealthFilter} records the
 * crash, once.
 */
final class MvcErrors implements HandlerExceptionResolver, HandlerInterceptor, Ordered {

    private static final String THREW = MvcErrors.class.getName() + ".threw";
    private static final String COUNTED = MvcErrors.class.getName() + ".counted";

    private final SessionManager manager;

    MvcErrors(SessionManager manager) {
        this.manager = manager;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        request.setAttribute(THREW, Boolean.TRUE);
        return null; // the application's resolvers decide
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (ex != null || request.getAttribute(THREW) == null || request.getAttribute(COUNTED) != null
                || request.getDispatcherType() == DispatcherType.ERROR || response.getStatus() < 500) {
            return; // unresolved (the filter sees it), no exception, counted already, or below 500
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        manager.recordError(true);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
