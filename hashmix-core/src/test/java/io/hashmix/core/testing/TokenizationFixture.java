package io.hashmix.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.web3j.crypto.Credentials;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.devnet.DevTokens;

/**
 * A committee and an issuer on a {@link LocalChain}, ready to mint: the BTC-SHA256 class paid in
 * the dev token, attestors = accounts 1..5 bonded with 1 coin each, threshold 3, issuer = account 6
 * holding collateral. Build one per test (the chain is reverted after each test).
 */
public final class TokenizationFixture {

    /** The asset class products are minted in. */
    public static final AssetClassId BTC = AssetClassId.ofSymbol("BTC-SHA256");
    /** Index of the issuer account. */
    public static final int ISSUER = 6;
    /** Signature threshold of the BTC class. */
    public static final int THRESHOLD = 3;
    /** Collateral the issuer holds at the start. */
    public static final BigInteger ISSUER_COLLATERAL = BigInteger.valueOf(1_000_000_000L);

    private final LocalChain chain;
    private final HashMix admin;
    private final AtomicLong nonces = new AtomicLong(1);

    /** Sets the committee and the issuer up on the chain. */
    public TokenizationFixture(LocalChain chain) {
        this.chain = chain;
        this.admin = chain.client(0);
        EvmAddress payout = payoutToken();
        admin.assetClasses().register(new NewAssetClass("BTC-SHA256", "TH/s", 3, payout)).join();
        for (int i = 1; i <= 5; i++) {
            admin.committee().addAttestor(chain.address(i)).join();
        }
        admin.committee().setThreshold(BTC, THRESHOLD).join();
        for (int i = 1; i <= 5; i++) {
            chain.client(i).committee().depositBond(BigInteger.TEN.pow(18)).join();
        }
        new DevTokens(admin).mint(payout, chain.address(ISSUER), ISSUER_COLLATERAL).join();
    }

    /** The chain. */
    public LocalChain chain() {
        return chain;
    }

    /** The admin client (account 0). */
    public HashMix admin() {
        return admin;
    }

    /** The dev payout token (collateral). */
    public EvmAddress payoutToken() {
        return chain.deployment().contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
    }

    /** The EIP-712 domain of product attestations on this deployment. */
    public Eip712Domain domain() {
        return Eip712Domain.hashMix(chain.deployment().chainId(),
                chain.deployment().contract(ProtocolContract.HASH_POWER_TOKEN).address());
    }

    /** Attestor key {@code i} (1..5). */
    public Credentials attestor(int i) {
        return chain.account(i);
    }

    /** {@code n} distinct ASIC hardware ids with a given serial prefix. */
    public static List<HardwareId> asics(String serialPrefix, int n) {
        List<HardwareId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(HardwareId.asic("BITMAIN", serialPrefix + i, String.format("02:00:00:00:%02x:%02x", i / 256, i % 256)));
        }
        return ids;
    }

    /**
     * An attestation by the fixture's issuer for a 30-day product starting now, over the given
     * hardware, with a fresh nonce and the current committee epoch.
     */
    public ProductAttestation attestation(MerkleTree hardware, BigInteger capacity, BigInteger collateral) {
        long now = chain.control().latestTimestamp().join();
        return ProductAttestation.builder()
                .issuer(chain.address(ISSUER))
                .assetClass(BTC)
                .capacity(capacity)
                .start(now)
                .end(now + 30L * 24 * 3600)
                .hardwareRoot(hardware.root())
                .hardwareCount(hardware.size())
                .metadataHash(Bytes32.keccakUtf8("S19 XP, farm A, rack 7"))
                .collateralToken(payoutToken())
                .collateral(collateral)
                .nonce(BigInteger.valueOf(nonces.getAndIncrement()))
                .deadline(now + 3600)
                .committeeEpoch(admin.committee().epoch().join())
                .build();
    }

    /** A bundle of an attestation signed by the given attestors (1..5). */
    public AttestationBundle sign(ProductAttestation attestation, int... attestors) {
        AttestationBundle.Builder b = AttestationBundle.builder(domain(), attestation);
        for (int i : attestors) {
            b.signWith(attestor(i));
        }
        return b.build();
    }
}
