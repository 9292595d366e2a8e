package dev.sessionhealth.examples.boot;

import dev.sessionhealth.examples.app.Catalog;
import dev.sessionhealth.examples.app.ReviewService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Jetty demo's catalog and review service (CDI beans there) as Spring beans. */
@Configuration(proxyBeanMethods = false)
class ShopConfiguration {

    @Bean
    Catalog catalog() {
        return new Catalog();
    }

    @Bean
    ReviewService reviewService() {
        return new ReviewService();
    }
}
