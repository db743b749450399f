package io.tickflow.http;

import java.util.List;

import io.tickflow.StartupFailure;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which tickflow.http.cors-origins values turn CORS on, and what a wrong one says. */
class CorsPolicyTest {

    @Test
    void emptyMeansOff() {
        assertTrue(CorsPolicy.of("", null).isEmpty());
        assertTrue(CorsPolicy.of(" , ", null).isEmpty());
        assertTrue(CorsPolicy.of("*", null).isPresent());
        assertTrue(CorsPolicy.of("https://a.example, http://localhost:3000", null).isPresent());
    }

    @Test
    void anEntryThatIsNotAnOriginIsNamed() {
        for (String entry : List.of("https://a.example/", "https://a.example/app", "a.example", "ftp://a.example",
                "https://user@a.example", "https://a.example?x=1", "https://a example")) {
            StartupFailure failure = assertThrows(StartupFailure.class, () -> CorsPolicy.of("http://ok.example," + entry, null));
            assertEquals("tickflow.http.cors-origins: '" + entry + "' is not an origin (scheme://host[:port], no path), nor *",
                    failure.getMessage());
        }
        StartupFailure both = assertThrows(StartupFailure.class, () -> CorsPolicy.of("*, https://a.example", null));
        assertEquals("tickflow.http.cors-origins is either * or a list of origins, not both: *, https://a.example", both.getMessage());
    }
}
