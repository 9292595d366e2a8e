package dev.sessionhealth.examples.app;

import java.util.Map;

/**
 * The shop's checkout, shared by the Jetty shop and the Spring Boot one. One book has a pricing bug
 * whose exception nobody handles: whatever serves the request answers 500 and the session is crashed.
 */
public final class Checkout {

    private Checkout() {
    }

    /** The order of {@code book}: its title and total with tax; throws for the free book (the bug). */
    public static Map<String, Object> order(Book book) {
        return Map.of("book", book.title(), "total", format(priceWithTax(book)));
    }

    private static int priceWithTax(Book book) {
        if (book.priceCents() == 0) {
            // the bug: free books were never supposed to reach checkout
            throw new IllegalStateException("no price for book " + book.id());
        }
        return book.priceCents() * 119 / 100;
    }

    private static String format(int cents) {
        return String.format("%d.%02d EUR", cents / 100, cents % 100);
    }
}
