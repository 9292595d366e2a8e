package dev.sessionhealth.examples.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A stand-in for a remote review service that is down for one book. */
@ApplicationScoped
public class ReviewService {

    /** Thrown when the review service cannot answer. */
    public static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    public List<String> reviews(int bookId) {
        if (bookId == Catalog.FLAKY_REVIEWS) {
            throw new UnavailableException("review service timed out for book " + bookId);
        }
        return List.of("A classic.", "Worth every page.");
    }
}
