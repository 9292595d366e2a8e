package dev.sessionhealth.spring;

/** The Boot contract on embedded Jetty, as with spring-boot-starter-jetty. */
class BootContractJettyTest extends BootContract {

    @Override
    Class<?> server() {
        return JettyServer.class;
    }
}
