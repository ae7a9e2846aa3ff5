package io.hashmix.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Every custom error of every exported protocol contract decodes to a typed exception: a new error
 * added to a contract without its exception class and registration fails here.
 */
class ProtocolErrorsTest {

    @Test
    void everyProtocolErrorHasATypedException() {
        assertEquals(Set.of(), ProtocolErrors.builder().unmapped(),
                "errors without a typed exception: add a CustomErrorException subclass and map it in the domain's *Errors class");
    }
}
