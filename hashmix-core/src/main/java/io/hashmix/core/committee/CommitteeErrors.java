package io.hashmix.core.committee;

import io.hashmix.core.errors.RevertDecoder;

/** Maps the custom errors of AttestorRegistry to their typed exceptions. */
public final class CommitteeErrors {

    private CommitteeErrors() {
    }

    /** Registers every typed exception of this domain with a decoder builder. */
    public static void register(RevertDecoder.Builder decoder) {
        decoder
                .map("StaleCommitteeEpoch(uint64,uint64)", StaleCommitteeEpochException::new)
                .map("ThresholdNotSet(bytes32)", ThresholdNotSetException::new)
                .map("SignersNotSorted(address,address)", SignersNotSortedException::new)
                .map("NotAnActiveAttestor(address)", NotAnActiveAttestorException::new)
                .map("InvalidAttestorSignature(address)", InvalidAttestorSignatureException::new)
                .map("BelowThreshold(uint256,uint256)", BelowThresholdException::new)
                .map("AlreadyMember(address)", AlreadyMemberException::new)
                .map("NotAMember(address)", NotAMemberException::new)
                .map("CommitteeFull(uint256)", CommitteeFullException::new)
                .map("InvalidThreshold(uint8)", InvalidThresholdException::new)
                .map("BondLocked(address,uint64)", BondLockedException::new)
                .map("NothingToWithdraw(address)", NothingToWithdrawException::new)
                .map("ExitDelayTooLong(uint64,uint64)", ExitDelayTooLongException::new);
    }
}
