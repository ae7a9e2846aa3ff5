package io.hashmix.contracts;

import io.hashmix.HashMixException;

/** A deployment manifest could not be read: missing file, malformed JSON, or a bad or missing field. */
public final class DeploymentManifestException extends HashMixException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DeploymentManifestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception. */
    public DeploymentManifestException(String message) {
        super(message);
    }
}
