package dev.sessionhealth.containers;

/** The WAR on standalone WildFly 37, with the RESTEasy and Weld that come with it. */
class WildFlyIT extends ContainerSuite {

    @Override
    Container container() {
        return new WildFlyContainer(path("containers.wildfly.home"));
    }
}
