/**
 * SDK internals shared by the domain clients. Not part of the public API: may change without notice.
 */
package io.hashmix.core.internal;
