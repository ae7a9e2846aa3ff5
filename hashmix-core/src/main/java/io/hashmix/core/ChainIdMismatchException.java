package io.hashmix.core;

import io.hashmix.HashMixException;

/** The node serves another chain than the deployment manifest names: nothing was sent. */
public final class ChainIdMismatchException extends HashMixException {

    private static final long serialVersionUID = 1L;

    private final long expectedChainId;
    private final long actualChainId;

    /** Creates the exception. */
    public ChainIdMismatchException(String rpcUrl, long expectedChainId, long actualChainId) {
        super("node at " + rpcUrl + " serves chain " + actualChainId + " but the deployment manifest is for chain "
                + expectedChainId + "; refusing to send anything");
        this.expectedChainId = expectedChainId;
        this.actualChainId = actualChainId;
    }

    /** The chain id the manifest names. */
    public long expectedChainId() {
        return expectedChainId;
    }

    /** The chain id the node reported. */
    public long actualChainId() {
        return actualChainId;
    }
}
