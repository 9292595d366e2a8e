package dev.sessionhealth.containers.app;

import jakarta.enterprise.context.ApplicationScoped;

/** A plain CDI bean, so the suite sees that injection into resources works on every container. */
@ApplicationScoped
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }
}
