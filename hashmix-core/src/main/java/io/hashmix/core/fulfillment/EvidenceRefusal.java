package io.hashmix.core.fulfillment;

import io.hashmix.proofs.spv.EvidenceBindingException;

/**
 * A refusal of a report's Bitcoin evidence by {@code BitcoinEvidence} (or the SPV verifier under it), in the terms
 * of the offline check {@link io.hashmix.proofs.spv.BoundEvidence}: the same {@link EvidenceBindingException.Reason}
 * whether the refusal was found before sending or decoded from the chain. Implemented by the typed exceptions of the
 * binding's errors, so a relayer can switch on {@link #reason()}.
 */
public interface EvidenceRefusal {

    /** Why the evidence was refused. */
    EvidenceBindingException.Reason reason();

    /** The index of the offending proof in the relayed list, or -1 for the report as a whole (or not known). */
    int payment();
}
