package io.hashmix.examples.exchange;

import java.util.List;

import io.hashmix.core.market.FillProblem;

/** What {@link OrderIntake#submit} made of an order: accepted into the book, or rejected with a typed reason. */
public sealed interface IntakeResult {

    /**
     * The order is in the book.
     *
     * @param order the order as stored
     * @param duplicate true if it was already in the book (nothing changed)
     */
    record Accepted(BookOrder order, boolean duplicate) implements IntakeResult {
    }

    /**
     * The order was refused.
     *
     * @param reason why
     * @param problems what the chain reported, for {@link RejectReason#NOT_FILLABLE} (else empty)
     * @param detail a human-readable explanation
     */
    record Rejected(RejectReason reason, List<FillProblem> problems, String detail) implements IntakeResult {

        /** Copies the problems. */
        public Rejected {
            problems = List.copyOf(problems);
        }
    }
}
