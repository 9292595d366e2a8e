package dev.sessionhealth.examples.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The demo shop's books. Two of them are there to show what release health sees. */
@ApplicationScoped
public class Catalog {

    /** The book whose reviews come from a flaky service: the application handles the failure. */
    public static final int FLAKY_REVIEWS = 4;
    /** The book whose checkout has a bug: the exception escapes the application (a crash). */
    public static final int BUGGY_CHECKOUT = 6;

    private static final List<Book> BOOKS = List.of(
            new Book(1, "Release It!", "Michael T. Nygard", 4195),
            new Book(2, "Site Reliability Engineering", "Betsy Beyer et al.", 3999),
            new Book(3, "Java Concurrency in Practice", "Brian Goetz", 5499),
            new Book(FLAKY_REVIEWS, "Designing Data-Intensive Applications", "Martin Kleppmann", 4599),
            new Book(5, "Effective Java", "Joshua Bloch", 4499),
            new Book(BUGGY_CHECKOUT, "Null References: The Billion Dollar Mistake", "Anonymous", 0));

    public List<Book> all() {
        return BOOKS;
    }

    public Optional<Book> find(int id) {
        return BOOKS.stream().filter(b -> b.id() == id).findFirst();
    }
}
