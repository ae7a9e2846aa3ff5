/**
 * JSON-RPC transport: async calls and batches over OkHttp, bounded retries of transient faults,
 * and typed transport errors that name the node URL.
 */
package io.hashmix.core.rpc;
