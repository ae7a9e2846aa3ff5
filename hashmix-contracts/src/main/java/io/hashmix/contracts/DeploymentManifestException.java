package io.hashmix.contracts;

/** A deployment manifest could not be read: missing file, malformed JSON, or a bad or missing field. */
public final class DeploymentManifestException extends RuntimeException {

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
