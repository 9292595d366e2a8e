/**
 * The demo's bookshop as a Spring Boot application: controllers and Spring Security on request
 * threads, the embedded receiver and the dashboard as servlets of the same server.
 */
package dev.sessionhealth.examples.boot;
