package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.app.Book;
import dev.sessionhealth.examples.app.Catalog;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Checkout, with the Jetty demo's bug: for the free book an {@code IllegalStateException} that no
 * handler of the shop resolves leaves Spring MVC, Boot's error page answers 500, and the starter's
 * filter marks the session crashed.
 */
@RestController
@RequestMapping("/rest/orders")
class OrderController {

    private final Catalog catalog;

    OrderController(Catalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping
    Map<String, Object> order(@RequestParam("book") int bookId) {
        Book book = catalog.find(bookId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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
