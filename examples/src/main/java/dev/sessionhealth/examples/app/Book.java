package dev.sessionhealth.examples.app;

/** A book of the demo shop. */
public record Book(int id, String title, String author, int priceCents) {
}
