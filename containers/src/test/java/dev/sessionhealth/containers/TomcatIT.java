package dev.sessionhealth.containers;

/** The WAR on standalone Tomcat 11. */
class TomcatIT extends ContainerSuite {

    @Override
    Container container() {
        return new TomcatContainer(path("containers.tomcat.home"), path("containers.restCdiLib"));
    }
}
