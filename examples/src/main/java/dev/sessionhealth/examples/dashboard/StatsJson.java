package dev.sessionhealth.examples.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/** The JSON mapper of the demo: records as objects, instants as RFC 3339 strings, no nulls. */
public final class StatsJson {

    private StatsJson() {
    }

    public static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("instants").addSerializer(Instant.class, new InstantSerializer());
        return new ObjectMapper().registerModule(instants).setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
