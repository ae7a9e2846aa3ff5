/**
 * Deployment of the protocol contracts to any EVM node, producing the deployment manifest.
 */
package io.hashmix.core.deploy;
