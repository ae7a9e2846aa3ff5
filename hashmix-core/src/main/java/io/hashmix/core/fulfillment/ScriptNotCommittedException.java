package io.hashmix.core.fulfillment;

import java.math.BigInteger;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.spv.EvidenceBindingException;

/** {@code ScriptNotCommitted(uint256,bytes32)}: a proof pays a script the product did not commit to (a proof to another script). */
public final class ScriptNotCommittedException extends CustomErrorException implements EvidenceRefusal {

    private static final long serialVersionUID = 1L;

    /** Creates the exception (the revert decoder does). */
    public ScriptNotCommittedException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** The offending proof's index. */
    @Override
    public int payment() {
        return ((BigInteger) error().value(0)).intValue();
    }

    /** {@code keccak256} of the script it pays. */
    public Bytes32 scriptHash() {
        return Bytes32.of((byte[]) error().value(1));
    }

    /** {@link EvidenceBindingException.Reason#SCRIPT_NOT_COMMITTED}. */
    @Override
    public EvidenceBindingException.Reason reason() {
        return EvidenceBindingException.Reason.SCRIPT_NOT_COMMITTED;
    }
}
