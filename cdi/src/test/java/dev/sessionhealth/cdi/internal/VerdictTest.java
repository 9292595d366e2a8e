package dev.sessionhealth.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final ExceptionMapper<Throwable> APPLICATION_MAPPER = t -> null;
    private static final Function<Class<Throwable>, ExceptionMapper<?>> APP = type -> APPLICATION_MAPPER;
    private static final Function<Class<Throwable>, ExceptionMapper<?>> NONE = type -> null;

    @Test
    void noExceptionIsNoChangeWhateverTheStatus() {
        assertEquals(Verdict.NONE, Verdict.of(null, 500, NONE));
    }

    @Test
    void clientErrorIsNoChange() {
        assertEquals(Verdict.NONE, Verdict.of(new IllegalStateException(), 409, APP));
        assertEquals(Verdict.NONE, Verdict.of(new IllegalStateException(), 404, NONE));
    }

    @Test
    void serverErrorFromTheApplicationsMapperIsErrored() {
        assertEquals(Verdict.ERRORED, Verdict.of(new IllegalStateException(), 503, APP));
    }

    @Test
    void serverErrorWithoutApplicationMapperIsCrashed() {
        assertEquals(Verdict.CRASHED, Verdict.of(new IllegalStateException(), 500, NONE));
    }

    @Test
    void webApplicationExceptionCarriesTheApplicationsChoice() {
        assertEquals(Verdict.ERRORED, Verdict.of(new jakarta.ws.rs.ServiceUnavailableException(), 503, NONE));
    }
}
