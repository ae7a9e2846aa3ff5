package io.hashmix.proofs.spv;

import java.util.List;

/** Null checks that also work on immutable lists (whose {@code contains(null)} throws). */
final class Checks {

    private Checks() {
    }

    static boolean hasNull(List<?> list) {
        for (Object o : list) {
            if (o == null) {
                return true;
            }
        }
        return false;
    }
}
