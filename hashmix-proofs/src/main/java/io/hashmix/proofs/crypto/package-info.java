/**
 * secp256k1 ECDSA backends: {@link io.hashmix.proofs.crypto.CryptoBackend}, its pure-Java
 * ({@link io.hashmix.proofs.crypto.PureJavaBackend}) and native
 * ({@link io.hashmix.proofs.crypto.NativeSecp256k1Backend}, libsecp256k1 over JNI) implementations, the
 * selector {@link io.hashmix.proofs.crypto.CryptoBackends}, the shared signature rules and a copy-free
 * keccak-256. Both backends sign byte-identically (RFC 6979) and reject the same signatures the same way.
 */
package io.hashmix.proofs.crypto;
