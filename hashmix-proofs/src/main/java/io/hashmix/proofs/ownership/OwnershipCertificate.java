package io.hashmix.proofs.ownership;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestationJson;
import io.hashmix.proofs.attestation.AttestationVerificationException;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.Committee;
import io.hashmix.proofs.attestation.JsonFields;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.attestation.ProofJsonException;
import io.hashmix.proofs.crypto.CryptoBackend;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleProofData;
import io.hashmix.proofs.merkle.MerkleTree;

/**
 * A portable claim that one unit of hardware backs a HashMix product: the hardware id, its Merkle proof
 * against the product's attested {@code hardwareRoot}, the product's signed attestation bundle, and the
 * product and token ids it was minted as.
 *
 * <p>{@link #verify} checks offline everything that the signatures cover: the committee signed the
 * attestation for the expected chain and contract, and the hardware id is in the attested tree. The
 * product id and token ids are not covered by signatures (the contract assigns them); they say where to
 * look on chain ({@code HardwareRegistry.proveOwnership}) for today's holder.
 *
 * <p>JSON form ({@link #toJson()}, {@link #fromJson(String)}):
 * <pre>{@code
 * { "hardwareId": "0x<32 bytes>", "proof": ["0x<32 bytes>", ...], "productId": "7",
 *   "tokenIds": ["7", "12"], "bundle": { ...AttestationJson bundle... } }
 * }</pre>
 *
 * @param hardwareId the hardware id
 * @param proof its Merkle proof, sibling hashes from the leaf up (copied)
 * @param bundle the product's attestation bundle
 * @param productId the product id on chain
 * @param tokenIds the ids of the product's tokens the certificate refers to (at least one, distinct; copied)
 */
public record OwnershipCertificate(HardwareId hardwareId, List<Bytes32> proof, AttestationBundle bundle,
        ProductId productId, List<TokenId> tokenIds) {

    private static final Set<String> FIELDS = Set.of("hardwareId", "proof", "productId", "tokenIds", "bundle");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the null, out-of-range or repeated component
     */
    public OwnershipCertificate {
        if (hardwareId == null || proof == null || bundle == null || productId == null || tokenIds == null) {
            throw new IllegalArgumentException(
                    "an ownership certificate needs a hardware id, a proof, a bundle, a product id and token ids");
        }
        proof = new MerkleProofData(hardwareId, proof).proof();
        if (tokenIds.isEmpty()) {
            throw new IllegalArgumentException("an ownership certificate names at least one token id");
        }
        Set<TokenId> seen = new HashSet<>();
        for (int i = 0; i < tokenIds.size(); i++) {
            if (tokenIds.get(i) == null) {
                throw new IllegalArgumentException("tokenIds[" + i + "] is null");
            }
            if (!seen.add(tokenIds.get(i))) {
                throw new IllegalArgumentException("tokenIds[" + i + "] repeats token id " + tokenIds.get(i));
            }
        }
        tokenIds = List.copyOf(tokenIds);
    }

    /**
     * Verifies the certificate.
     *
     * @param committee the committee of the epoch that signed the attestation
     * @param threshold the signature threshold M
     * @param domain the expected domain (chain id + HashPowerToken address)
     * @param clock the clock the product's term is checked against
     * @throws OwnershipVerificationException with a {@link OwnershipVerificationException.Reason}, checked in
     *         this order: attestation (domain, epoch, signatures; the attestation's deadline is not checked
     *         because it only bounds minting), product term, hardware proof, proof length vs hardwareCount
     * @throws IllegalArgumentException if an argument is null or the threshold is out of range
     */
    public void verify(Committee committee, int threshold, Eip712Domain domain, Clock clock) {
        verify(new BundleVerifier(domain, committee, threshold, clock));
    }

    /**
     * Verifies the certificate, recovering signers with a given crypto backend.
     *
     * @param committee the committee of the epoch that signed the attestation
     * @param threshold the signature threshold M
     * @param domain the expected domain (chain id + HashPowerToken address)
     * @param clock the clock the product's term is checked against
     * @param backend the crypto backend
     * @throws OwnershipVerificationException as {@link #verify(Committee, int, Eip712Domain, Clock)}
     * @throws IllegalArgumentException if an argument is null or the threshold is out of range
     */
    public void verify(Committee committee, int threshold, Eip712Domain domain, Clock clock, CryptoBackend backend) {
        verify(new BundleVerifier(domain, committee, threshold, clock, backend));
    }

    /**
     * Verifies the certificate against a prepared bundle verifier (its domain, committee, threshold, backend,
     * and its clock for the product term). Reusing one verifier across many certificates saves recomputing
     * the domain separator.
     *
     * @param verifier the bundle verifier
     * @throws OwnershipVerificationException as {@link #verify(Committee, int, Eip712Domain, Clock)}
     * @throws IllegalArgumentException if the verifier is null
     */
    public void verify(BundleVerifier verifier) {
        if (verifier == null) {
            throw new IllegalArgumentException("certificate verification needs a bundle verifier");
        }
        Clock clock = verifier.clock();
        try {
            verifier.verifyIgnoringDeadline(bundle);
        } catch (AttestationVerificationException e) {
            throw new OwnershipVerificationException(OwnershipVerificationException.Reason.ATTESTATION_REJECTED,
                    "product attestation rejected: " + e.getMessage(), e);
        }
        ProductAttestation a = bundle.attestation();
        long now = clock.instant().getEpochSecond();
        if (now >= 0 && Long.compareUnsigned(now, a.end()) >= 0) {
            throw new OwnershipVerificationException(OwnershipVerificationException.Reason.PRODUCT_ENDED,
                    "product term ended at " + Long.toUnsignedString(a.end()) + " (live while now < end), now is " + now,
                    null);
        }
        if (!MerkleTree.verify(a.hardwareRoot(), hardwareId, proof)) {
            throw new OwnershipVerificationException(OwnershipVerificationException.Reason.HARDWARE_NOT_IN_PRODUCT,
                    "proof of hardware id " + hardwareId + " does not lead to hardwareRoot " + a.hardwareRoot(), null);
        }
        if (a.hardwareCount() == 0 || proof.size() > MerkleTree.maxProofLength(a.hardwareCount())) {
            throw new OwnershipVerificationException(OwnershipVerificationException.Reason.HARDWARE_COUNT_MISMATCH,
                    "proof has " + proof.size() + " levels but a tree of hardwareCount " + a.hardwareCount()
                            + " has at most " + (a.hardwareCount() == 0 ? 0 : MerkleTree.maxProofLength(a.hardwareCount())),
                    null);
        }
    }

    /**
     * Parses and verifies a certificate.
     *
     * @param json the certificate JSON
     * @param committee the committee of the epoch that signed
     * @param threshold the threshold M
     * @param domain the expected domain
     * @param clock the clock
     * @return the verified certificate
     * @throws OwnershipVerificationException with {@link OwnershipVerificationException.Reason#MALFORMED} for bad
     *         JSON, or the reason verification failed
     */
    public static OwnershipCertificate verifyJson(String json, Committee committee, int threshold, Eip712Domain domain,
            Clock clock) {
        OwnershipCertificate c;
        try {
            c = fromJson(json);
        } catch (ProofJsonException | IllegalArgumentException e) {
            throw new OwnershipVerificationException(OwnershipVerificationException.Reason.MALFORMED, e.getMessage(), e);
        }
        c.verify(committee, threshold, domain, clock);
        return c;
    }

    /** The hardware id and proof as a {@link MerkleProofData}. */
    public MerkleProofData merkleProof() {
        return new MerkleProofData(hardwareId, proof);
    }

    /** The certificate as pretty-printed JSON. */
    public String toJson() {
        ObjectNode node = JsonFields.newObject();
        node.put("hardwareId", hardwareId.toHex());
        ArrayNode p = node.putArray("proof");
        proof.forEach(h -> p.add(h.toHex()));
        node.put("productId", productId.value().toString());
        ArrayNode t = node.putArray("tokenIds");
        tokenIds.forEach(id -> t.add(id.value().toString()));
        node.set("bundle", AttestationJson.toNode(bundle));
        return JsonFields.write(node);
    }

    /**
     * Parses a certificate.
     *
     * @param json the JSON text
     * @return the certificate
     * @throws ProofJsonException naming the JSON path of the problem
     */
    public static OwnershipCertificate fromJson(String json) {
        JsonNode root = JsonFields.parse(json);
        JsonFields.requireObject(root, "$", FIELDS);
        HardwareId id = new HardwareId(JsonFields.bytes32(root, "hardwareId", "$"));
        List<JsonNode> proofNodes = JsonFields.array(root, "proof", "$");
        List<Bytes32> proof = new ArrayList<>(proofNodes.size());
        for (int i = 0; i < proofNodes.size(); i++) {
            proof.add(JsonFields.bytes32(proofNodes.get(i), "$.proof[" + i + "]"));
        }
        ProductId productId = JsonFields.id(root, "productId", "$", ProductId::new);
        List<JsonNode> tokenNodes = JsonFields.array(root, "tokenIds", "$");
        List<TokenId> tokenIds = new ArrayList<>(tokenNodes.size());
        for (int i = 0; i < tokenNodes.size(); i++) {
            String at = "$.tokenIds[" + i + "]";
            tokenIds.add(JsonFields.id(tokenNodes.get(i), at, TokenId::new));
        }
        AttestationBundle bundle = AttestationJson.fromNode(root.get("bundle"), "$.bundle");
        try {
            return new OwnershipCertificate(id, proof, bundle, productId, tokenIds);
        } catch (ProofJsonException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ProofJsonException("$", e.getMessage(), e);
        }
    }
}
