package dev.sessionhealth.spring;

/** The Boot contract on embedded Tomcat, as a Boot application with spring-boot-starter-webmvc gets it. */
class BootContractTomcatTest extends BootContract {

    @Override
    Class<?> server() {
        return TomcatServer.class;
    }
}
