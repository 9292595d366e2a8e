package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.app.Book;
import dev.sessionhealth.examples.app.Catalog;
import dev.sessionhealth.examples.app.Checkout;
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
        return Checkout.order(book);
    }
}
