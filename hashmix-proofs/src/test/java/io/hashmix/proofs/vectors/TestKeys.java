package io.hashmix.proofs.vectors;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.JsonFields;

/**
 * TEST-ONLY attestor keys: private key i = keccak256("hashmix-test-signer-" + i), i = 1..5. These keys
 * are public (they are in the shared test vectors); never use them for anything holding value.
 */
public final class TestKeys {

    /** Number of test signers. */
    public static final int COUNT = 5;

    private TestKeys() {
    }

    /** Key i (1-based). */
    public static ECKeyPair key(int i) {
        if (i < 1 || i > COUNT) {
            throw new IllegalArgumentException("test keys are 1.." + COUNT);
        }
        byte[] secret = Hash.sha3(("hashmix-test-signer-" + i).getBytes(StandardCharsets.US_ASCII));
        return ECKeyPair.create(new BigInteger(1, secret));
    }

    /** All five keys, key 1 first. */
    public static List<ECKeyPair> all() {
        List<ECKeyPair> out = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            out.add(key(i));
        }
        return out;
    }

    /** Address of key i. */
    public static EvmAddress address(int i) {
        return AttestationSigner.addressOf(key(i));
    }

    /** Private key i as {@code 0x} + 64 hex digits. */
    public static String privateKeyHex(int i) {
        return "0x" + String.format("%064x", key(i).getPrivateKey());
    }

    /** {@code {"address": ..., "privateKey": ...}} of key i, as the vector files list signers. */
    public static ObjectNode signerNode(int i) {
        ObjectNode s = JsonFields.newObject();
        s.put("address", address(i).toChecksumHex());
        s.put("privateKey", privateKeyHex(i));
        return s;
    }

    /** The signer nodes of all five keys, key 1 first. */
    public static ArrayNode signersNode() {
        ArrayNode signers = JsonFields.newArray();
        for (int i = 1; i <= COUNT; i++) {
            signers.add(signerNode(i));
        }
        return signers;
    }

    /** The committee of all five test keys at an epoch. */
    public static Committee committee(long epoch) {
        List<EvmAddress> members = new ArrayList<>();
        for (int i = 1; i <= COUNT; i++) {
            members.add(address(i));
        }
        return Committee.of(epoch, members);
    }
}
