package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.app.ReviewService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The shop's handled failures. The review service being down is answered with no reviews and
 * {@code 503}: an exception the application resolves to a 5xx status is a handled error of the
 * session (it ends errored), counted by the starter without a line of sessionhealth code. (The
 * Jetty demo answers 200 and calls {@code SessionManager.recordError(true)} itself; an application
 * that answers 2xx for a failure does the same.)
 */
@RestControllerAdvice
class ShopErrors {

    @ExceptionHandler(ReviewService.UnavailableException.class)
    ResponseEntity<List<String>> reviewsUnavailable(ReviewService.UnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("X-Degraded", "reviews unavailable")
                .body(List.of());
    }
}
