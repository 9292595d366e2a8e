package dev.sessionhealth.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;

/** A sub-resource-like bean with a JAX-RS annotation, called by {@link ShopResource}. */
@ApplicationScoped
@Path("stock")
public class Stock {

    public String reserve(String item) {
        throw new OutOfStockException(item);
    }
}
