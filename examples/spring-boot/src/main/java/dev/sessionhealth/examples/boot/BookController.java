package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.app.Book;
import dev.sessionhealth.examples.app.Catalog;
import dev.sessionhealth.examples.app.ReviewService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The catalog API, as in the Jetty demo. Reading reviews of the book whose review service is down
 * throws; {@link ShopErrors} handles that, and the starter counts it as a handled error.
 */
@RestController
@RequestMapping("/rest/books")
class BookController {

    private final Catalog catalog;
    private final ReviewService reviews;

    BookController(Catalog catalog, ReviewService reviews) {
        this.catalog = catalog;
        this.reviews = reviews;
    }

    @GetMapping
    List<Book> list() {
        return catalog.all();
    }

    @GetMapping("/{id}")
    Book book(@PathVariable("id") int id) {
        // a 404 is not an error of ours: the starter counts nothing below 500
        return catalog.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/{id}/reviews")
    List<String> reviews(@PathVariable("id") int id) {
        return reviews.reviews(book(id).id());
    }
}
