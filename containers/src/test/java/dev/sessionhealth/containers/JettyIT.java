package dev.sessionhealth.containers;

/** The WAR on standalone Jetty 12 (ee10). */
class JettyIT extends ContainerSuite {

    @Override
    Container container() {
        return new JettyContainer(path("containers.jetty.home"), path("containers.restCdiLib"));
    }
}
