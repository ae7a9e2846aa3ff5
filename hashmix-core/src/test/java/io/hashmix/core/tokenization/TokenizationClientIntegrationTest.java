package io.hashmix.core.tokenization;

import static io.hashmix.core.testing.TokenizationFixture.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.core.InvalidRequestException;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.NotTheIssuerException;
import io.hashmix.core.errors.AttestationExpiredException;
import io.hashmix.core.errors.NonceAlreadyUsedException;
import io.hashmix.core.committee.BelowThresholdException;
import io.hashmix.core.committee.SignersNotSortedException;
import io.hashmix.core.committee.StaleCommitteeEpochException;
import io.hashmix.core.testing.TokenizationFixture;
import io.hashmix.proofs.EvmAddress;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.TokenId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.attestation.BundleVerifier;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.proofs.ownership.OwnershipCertificate;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

@ExtendWith(LocalChainExtension.class)
class TokenizationClientIntegrationTest {

    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000); // 1,000 TH/s with 3 decimals
    private static final BigInteger COLLATERAL = BigInteger.valueOf(50_000_000);

    private TokenizationFixture fx;
    private HashMix issuer;
    private MerkleTree hardware;

    @BeforeEach
    void setUp(LocalChain chain) {
        fx = new TokenizationFixture(chain);
        issuer = chain.client(ISSUER);
        hardware = MerkleTree.of(TokenizationFixture.asics("S19XP-A-", 7));
    }

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private MintedProduct mint(int... attestors) {
        return issuer.tokenization().mintProduct(fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), attestors)).join();
    }

    /** SECURITY-CHECKLIST item 1: M-of-N passes; the product is what was attested. */
    @Test
    void item1_mintsFromThreeOfFiveAndLocksCollateral() {
        ProductAttestation a = fx.attestation(hardware, CAPACITY, COLLATERAL);
        AttestationBundle bundle = fx.sign(a, 2, 4, 5);
        // the offline verifier and the contract agree on the digest and the committee
        Clock clock = Clock.fixed(Instant.ofEpochSecond(a.start()), ZoneOffset.UTC);
        BundleVerifier verifier = fx.admin().committee().verifier(fx.domain(), TokenizationFixture.BTC, clock).join();
        assertEquals(TokenizationFixture.THRESHOLD, verifier.threshold());
        var verified = verifier.verify(bundle);
        assertEquals(verified.digest(), issuer.tokenization().digestOf(a).join());
        assertEquals(verified.signers(), fx.admin().committee().verifySignatures(bundle).join());
        BigInteger issuerBefore = issuer.erc20().balanceOf(fx.payoutToken(), issuer.account()).join();

        MintedProduct minted = issuer.tokenization().mintProduct(bundle).join();

        Product p = issuer.tokenization().product(minted.productId()).join();
        assertEquals(a.issuer(), p.issuer());
        assertEquals(a.assetClass(), p.assetClass());
        assertEquals(CAPACITY, p.capacity());
        assertEquals(a.hardwareRoot(), p.hardwareRoot());
        assertEquals(7, p.hardwareCount());
        assertEquals(COLLATERAL, p.collateral());
        assertFalse(p.frozen());
        HashPowerSlice slice = issuer.tokenization().token(minted.tokenId()).join();
        assertEquals(CAPACITY, slice.units());
        assertEquals(issuer.account(), slice.owner());
        assertEquals(List.of(minted.tokenId()), issuer.tokenization().productTokens(minted.productId()).join());
        assertEquals(verified.signers(), issuer.tokenization().productSigners(minted.productId()).join());
        assertEquals(issuerBefore.subtract(COLLATERAL), issuer.erc20().balanceOf(fx.payoutToken(), issuer.account()).join());
        assertEquals(COLLATERAL, issuer.erc20().balanceOf(fx.payoutToken(), issuer.tokenization().collateralVaultAddress()).join());
        assertEquals(new CollateralPosition(minted.productId(), fx.payoutToken(), COLLATERAL, BigInteger.ZERO),
                issuer.tokenization().collateral(minted.productId()).join());
        assertTrue(issuer.tokenization().isNonceUsed(a.nonce()).join());
    }

    /** SECURITY-CHECKLIST item 1: M-1 signatures fail, and nothing is spent. */
    @Test
    void item1_twoOfFiveIsBelowThreshold() {
        BelowThresholdException e = assertInstanceOf(BelowThresholdException.class,
                cause(issuer.tokenization().mintProduct(fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 3))));
        assertEquals(BigInteger.TWO, e.valid());
        assertEquals(BigInteger.valueOf(3), e.required());
        assertEquals(0L, issuer.tokenization().productCount().join());
    }

    /** SECURITY-CHECKLIST item 1: the same signer twice is refused (sorted, strictly ascending). */
    @Test
    void item1_sameSignerTwiceIsRefused() {
        ProductAttestation a = fx.attestation(hardware, CAPACITY, COLLATERAL);
        AttestationBundle good = fx.sign(a, 1, 2, 3);
        AttestorSignature first = good.signatures().get(0);
        // forge the bundle around the builder, which refuses duplicates offline
        AttestationBundle dup = new AttestationBundle(good.domain(), a, List.of(first, first, good.signatures().get(1)));
        SignersNotSortedException e = assertInstanceOf(SignersNotSortedException.class, cause(issuer.tokenization().mintProduct(dup)));
        assertEquals(first.signer(), e.signer());
    }

    /** SECURITY-CHECKLIST item 3: a consumed attestation cannot mint again. */
    @Test
    void item3_replayIsRefused() {
        AttestationBundle bundle = fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3);
        issuer.tokenization().mintProduct(bundle).join();
        NonceAlreadyUsedException e = assertInstanceOf(NonceAlreadyUsedException.class, cause(issuer.tokenization().mintProduct(bundle)));
        assertEquals(bundle.attestation().nonce(), e.nonce());
    }

    /** SECURITY-CHECKLIST item 3: after a committee change, older signatures stop working. */
    @Test
    void item3_committeeChangeRetiresOldSignatures() {
        AttestationBundle bundle = fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3);
        long epoch = bundle.attestation().committeeEpoch();
        fx.admin().committee().addAttestor(fx.chain().address(7)).join();
        StaleCommitteeEpochException e = assertInstanceOf(StaleCommitteeEpochException.class,
                cause(issuer.tokenization().mintProduct(bundle)));
        assertEquals(epoch, e.signedEpoch());
        assertEquals(epoch + 1, e.currentEpoch());
    }

    /** SECURITY-CHECKLIST item 4: an expired attestation fails. */
    @Test
    void item4_expiredAttestationFails() {
        ProductAttestation a = fx.attestation(hardware, CAPACITY, COLLATERAL);
        ProductAttestation expired = a.toBuilder().deadline(a.start() - 1).build();
        AttestationExpiredException e = assertInstanceOf(AttestationExpiredException.class,
                cause(issuer.tokenization().mintProduct(fx.sign(expired, 1, 2, 3))));
        assertEquals(a.start() - 1, e.deadline());
    }

    /** SECURITY-CHECKLIST item 3: a bundle signed for another chain or contract is refused before sending. */
    @Test
    void item3_bundleForAnotherChainOrContractIsRefusedOffline() {
        ProductAttestation a = fx.attestation(hardware, CAPACITY, COLLATERAL);
        var otherChain = io.hashmix.proofs.eip712.Eip712Domain.hashMix(1, fx.domain().verifyingContract());
        var otherContract = io.hashmix.proofs.eip712.Eip712Domain.hashMix(fx.domain().chainId(), fx.payoutToken());
        for (var domain : List.of(otherChain, otherContract)) {
            AttestationBundle bundle = AttestationBundle.builder(domain, a)
                    .signWith(fx.attestor(1), fx.attestor(2), fx.attestor(3)).build();
            assertInstanceOf(InvalidRequestException.class, cause(issuer.tokenization().mintProduct(bundle)));
        }
        assertEquals(0L, issuer.tokenization().productCount().join());
    }

    @Test
    void onlyTheAttestedIssuerMayMint() {
        AttestationBundle bundle = fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3);
        HashMix other = fx.chain().client(8);
        NotTheIssuerException e = assertInstanceOf(NotTheIssuerException.class, cause(other.tokenization().mintProduct(bundle)));
        assertEquals(other.account(), e.caller());
        assertEquals(issuer.account(), e.issuer());
    }

    /** SECURITY-CHECKLIST item 14: splits and merges conserve the product's capacity exactly. */
    @Test
    void item14_splitAndMergeConserveCapacity() {
        MintedProduct m = mint(1, 2, 3);
        List<BigInteger> parts = List.of(BigInteger.valueOf(100_000), BigInteger.valueOf(250_000), BigInteger.valueOf(650_000));
        List<TokenId> slices = issuer.tokenization().split(m.tokenId(), parts).join();
        assertEquals(3, slices.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(parts.get(i), issuer.tokenization().token(slices.get(i)).join().units());
        }
        assertEquals(CAPACITY, liveUnits(m.productId()));

        UnitsMismatchException bad = assertInstanceOf(UnitsMismatchException.class,
                cause(issuer.tokenization().split(slices.get(0), List.of(BigInteger.ONE, BigInteger.ONE))));
        assertEquals(parts.get(0), bad.expected());
        assertEquals(BigInteger.TWO, bad.given());

        TokenId merged = issuer.tokenization().merge(List.of(slices.get(0), slices.get(2))).join();
        assertEquals(BigInteger.valueOf(750_000), issuer.tokenization().token(merged).join().units());
        assertEquals(CAPACITY, liveUnits(m.productId()));
        assertEquals(2, issuer.tokenization().productTokens(m.productId()).join().size());
    }

    private BigInteger liveUnits(ProductId product) {
        return issuer.tokenization().productTokens(product).join().stream()
                .map(t -> issuer.tokenization().token(t).join().units()).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** A carve keeps the token id, owner and nonce; a transfer bumps the nonce; holdings record who held what when. */
    @Test
    void carveNonceAndHoldings() {
        MintedProduct m = mint(1, 2, 3);
        EvmAddress buyer = fx.chain().address(8);
        fx.chain().control().increaseTime(java.time.Duration.ofHours(1)).join();
        TokenId carved = issuer.tokenization().carve(m.tokenId(), BigInteger.valueOf(300_000), buyer).join();

        TradeState kept = issuer.tokenization().tradeState(m.tokenId()).join();
        assertEquals(issuer.account(), kept.owner());
        assertEquals(BigInteger.valueOf(700_000), kept.units());
        assertEquals(0, kept.nonce());
        assertTrue(kept.tradable());
        assertEquals(buyer, issuer.tokenization().ownerOf(carved).join());
        assertEquals(CAPACITY, liveUnits(m.productId()));

        issuer.tokenization().transfer(m.tokenId(), fx.chain().address(9)).join();
        HashPowerSlice moved = issuer.tokenization().token(m.tokenId()).join();
        assertEquals(1, moved.nonce());
        assertTrue(moved.tradable());

        List<TokenHolding> history = issuer.tokenization().holdings(m.tokenId()).join();
        assertEquals(3, history.size(), history.toString());
        assertEquals(issuer.account(), history.get(0).holder());
        assertEquals(CAPACITY, history.get(0).units());
        assertEquals(history.get(0).end().orElseThrow(), history.get(1).start());
        assertEquals(BigInteger.valueOf(700_000), history.get(1).units());
        assertEquals(fx.chain().address(9), history.get(2).holder());
        assertTrue(history.get(2).open());
        assertEquals(1, issuer.tokenization().holdings(carved).join().size());
        assertEquals(List.of(), issuer.tokenization().holdings(new TokenId(BigInteger.valueOf(999))).join());

        UnitsMismatchException tooMany = assertInstanceOf(UnitsMismatchException.class,
                cause(fx.chain().client(9).tokenization().carve(m.tokenId(), BigInteger.valueOf(700_000), buyer)));
        assertEquals(BigInteger.valueOf(700_000), tooMany.given());
        fx.chain().client(9).tokenization().bumpTokenNonce(m.tokenId()).join();
        assertEquals(2, issuer.tokenization().tradeState(m.tokenId()).join().nonce());
    }

    @Test
    void transfersAreFoundFromLogs() {
        MintedProduct m = mint(1, 2, 3);
        List<TokenId> slices = issuer.tokenization().split(m.tokenId(),
                List.of(BigInteger.valueOf(400_000), BigInteger.valueOf(600_000))).join();
        EvmAddress buyer = fx.chain().address(8);
        issuer.tokenization().transfer(slices.get(1), buyer).join();

        assertEquals(List.of(slices.get(1)), issuer.tokenization().tokensOf(buyer).join());
        assertEquals(List.of(slices.get(0)), issuer.tokenization().tokensOf(issuer.account()).join());
        assertEquals(buyer, issuer.tokenization().ownerOf(slices.get(1)).join());
        NotAuthorizedException e = assertInstanceOf(NotAuthorizedException.class,
                cause(issuer.tokenization().split(slices.get(1), List.of(BigInteger.ONE, BigInteger.valueOf(599_999)))));
        assertEquals(issuer.account(), e.caller());
    }

    /** Ownership confirmation: hardware -> product -> live slices and holders, on chain and from a certificate. */
    @Test
    void provesWhoHoldsTheHashPowerOfAMachine() {
        AttestationBundle bundle = fx.sign(fx.attestation(hardware, CAPACITY, COLLATERAL), 1, 2, 3);
        MintedProduct m = issuer.tokenization().mintProduct(bundle).join();
        List<TokenId> slices = issuer.tokenization().split(m.tokenId(),
                List.of(BigInteger.valueOf(300_000), BigInteger.valueOf(700_000))).join();
        EvmAddress buyer = fx.chain().address(9);
        issuer.tokenization().transfer(slices.get(1), buyer).join();
        HardwareId machine = hardware.hardwareIds().get(4);

        OwnershipProof proof = issuer.tokenization().proveOwnership(machine, m.productId(), hardware.proof(machine).proof()).join();
        assertEquals(m.productId(), proof.productId());
        assertTrue(proof.complete(), "the slices found from events are all of them (units sum to the capacity)");
        assertEquals(BigInteger.valueOf(700_000), proof.unitsHeldBy(buyer));
        assertEquals(BigInteger.valueOf(300_000), proof.unitsHeldBy(issuer.account()));

        OwnershipCertificate cert = new OwnershipCertificate(machine, hardware.proof(machine).proof(), bundle, m.productId(), slices);
        OwnershipCertificate roundTripped = OwnershipCertificate.fromJson(cert.toJson());
        assertEquals(proof, issuer.tokenization().verifyOnChain(roundTripped).join());

        // a certificate whose attestation was never minted, over the same hardware root, is refused
        ProductAttestation forged = bundle.attestation().toBuilder().capacity(CAPACITY.multiply(BigInteger.TEN)).build();
        OwnershipCertificate fake = new OwnershipCertificate(machine, hardware.proof(machine).proof(),
                fx.sign(forged, 1, 2, 3), m.productId(), slices);
        CertificateMismatchException mismatch = assertInstanceOf(CertificateMismatchException.class,
                cause(issuer.tokenization().verifyOnChain(fake)));
        assertEquals("capacity", mismatch.field());
        // same fields, other nonce: a re-signed copy is not the attestation the product was minted from
        OwnershipCertificate resigned = new OwnershipCertificate(machine, hardware.proof(machine).proof(),
                fx.sign(bundle.attestation().toBuilder().nonce(BigInteger.valueOf(999)).build(), 1, 2, 3), m.productId(), slices);
        assertTrue(assertInstanceOf(CertificateMismatchException.class, cause(issuer.tokenization().verifyOnChain(resigned)))
                .field().startsWith("attestation digest"));
        assertEquals(bundle.digest(), issuer.tokenization().productDigest(m.productId()).join());
        assertEquals(slices, issuer.tokenization().productTokens(m.productId()).join());
        // a carve adds a slice; the event fold sees it, and the proof stays complete
        TokenId carved = issuer.tokenization().carve(slices.get(0), BigInteger.valueOf(100_000), buyer).join();
        assertEquals(List.of(slices.get(0), slices.get(1), carved), issuer.tokenization().productTokens(m.productId()).join());
        OwnershipProof afterCarve = issuer.tokenization().proveOwnership(machine, m.productId(), hardware.proof(machine).proof()).join();
        assertTrue(afterCarve.complete());
        assertEquals(BigInteger.valueOf(800_000), afterCarve.unitsHeldBy(buyer));

        HardwareId stranger = HardwareId.asic("BITMAIN", "NOT-IN-PRODUCT", "02:00:00:00:ff:ff");
        HardwareNotInProductException e = assertInstanceOf(HardwareNotInProductException.class,
                cause(issuer.tokenization().proveOwnership(stranger, m.productId(), hardware.proof(machine).proof())));
        assertEquals(stranger.value().value().length, e.hardwareId().length);
        assertEquals(m.productId(), e.productId());
    }

    /**
     * SECURITY-CHECKLIST item 8: a duplicate-hardware challenge is the valid evidence that freezes
     * the later product, pays the challenger from its collateral and slashes who signed both.
     */
    @Test
    void item8_duplicateHardwareFreezesTheLaterProductAndSlashesCommonSigners() {
        MintedProduct first = mint(1, 2, 3);
        MerkleTree firstHardware = hardware;
        // the same machine pledged again in a second product, signed by 2, 3 and 4
        HardwareId pledgedTwice = firstHardware.hardwareIds().get(2);
        List<HardwareId> secondIds = new java.util.ArrayList<>(TokenizationFixture.asics("S19XP-B-", 4));
        secondIds.add(pledgedTwice);
        MerkleTree secondHardware = MerkleTree.of(secondIds);
        MintedProduct second = issuer.tokenization().mintProduct(
                fx.sign(fx.attestation(secondHardware, CAPACITY, COLLATERAL), 2, 3, 4)).join();

        // the issuer sells the duplicate before anyone notices
        EvmAddress holder = fx.chain().address(9);
        issuer.tokenization().transfer(second.tokenId(), holder).join();

        HashMix challenger = fx.chain().client(10);
        BigInteger challengerBefore = challenger.erc20().balanceOf(fx.payoutToken(), challenger.account()).join();
        ChallengeResult result = challenger.tokenization().challengeDuplicateHardware(pledgedTwice,
                first.productId(), firstHardware.proof(pledgedTwice).proof(),
                second.productId(), secondHardware.proof(pledgedTwice).proof()).join();

        assertEquals(second.productId(), result.frozenProductId());
        assertEquals(COLLATERAL.divide(BigInteger.TEN), result.bounty());
        assertEquals(List.of(fx.chain().address(2), fx.chain().address(3)).stream().sorted(java.util.Comparator.comparing(EvmAddress::hex)).toList(),
                result.slashedAttestors().stream().map(ChallengeResult.Slash::attestor).sorted(java.util.Comparator.comparing(EvmAddress::hex)).toList());
        assertTrue(result.slashedAttestors().stream().allMatch(s -> s.amount().equals(BigInteger.TEN.pow(18))));
        assertEquals(challengerBefore.add(result.bounty()), challenger.erc20().balanceOf(fx.payoutToken(), challenger.account()).join());
        assertFalse(fx.admin().committee().members().join().contains(fx.chain().address(2)), "a slashed attestor leaves the committee");
        assertTrue(issuer.tokenization().product(second.productId()).join().frozen());
        assertFalse(issuer.tokenization().product(first.productId()).join().frozen());
        assertFalse(fx.admin().committee().isActive(fx.chain().address(2)).join());
        // the rest of the fraudulent product's collateral is forfeited to its holders, never back to the issuer
        CollateralPosition position = issuer.tokenization().collateral(second.productId()).join();
        assertEquals(BigInteger.ZERO, position.amount());
        assertEquals(COLLATERAL.subtract(result.bounty()), position.forfeited());

        FrozenPool pool = challenger.tokenization().frozenPool(second.productId()).join().orElseThrow();
        assertEquals(COLLATERAL.subtract(result.bounty()), pool.forfeited());
        assertEquals(CAPACITY, pool.capacity());
        assertEquals(issuer.account(), pool.issuer());
        assertEquals(java.util.Optional.empty(), challenger.tokenization().frozenPool(first.productId()).join());

        // a frozen product's tokens can be transferred but not split; the claim stays with the holder at the freeze
        EvmAddress lateBuyer = fx.chain().address(8);
        fx.chain().client(9).tokenization().transfer(second.tokenId(), lateBuyer).join();
        assertInstanceOf(ProductIsFrozenException.class, cause(fx.chain().client(8).tokenization().split(second.tokenId(),
                List.of(BigInteger.ONE, CAPACITY.subtract(BigInteger.ONE)))));
        TokenHolding atFreeze = challenger.tokenization().holdingAtFreeze(second.tokenId()).join().orElseThrow();
        assertEquals(holder, atFreeze.holder());
        assertFalse(atFreeze.start().isAfter(pool.frozenAt()));
        assertTrue(atFreeze.end().orElseThrow().isAfter(pool.frozenAt()));
        // anyone redeems; the holder at the freeze is paid its share (all units: all of it), once
        BigInteger holderBefore = issuer.erc20().balanceOf(fx.payoutToken(), holder).join();
        BigInteger lateBefore = issuer.erc20().balanceOf(fx.payoutToken(), lateBuyer).join();
        FrozenRedemption redemption = challenger.tokenization().redeemFrozen(List.of(second.tokenId())).join();
        assertEquals(List.of(new FrozenRedemption.Payout(second.tokenId(), second.productId(), holder,
                pool.shareOf(CAPACITY))), redemption.payouts());
        assertEquals(COLLATERAL.subtract(result.bounty()), redemption.total());
        assertEquals(holderBefore.add(redemption.total()), issuer.erc20().balanceOf(fx.payoutToken(), holder).join());
        assertEquals(lateBefore, issuer.erc20().balanceOf(fx.payoutToken(), lateBuyer).join());
        AlreadyRedeemedException again = assertInstanceOf(AlreadyRedeemedException.class,
                cause(challenger.tokenization().redeemFrozen(List.of(second.tokenId()))));
        assertEquals(second.tokenId().value(), again.tokenId());
        InvalidRequestException tooMany = assertInstanceOf(InvalidRequestException.class, cause(challenger.tokenization()
                .redeemFrozen(java.util.Collections.nCopies(TokenizationClient.MAX_REDEEM_TOKENS + 1, second.tokenId()))));
        assertTrue(tooMany.getMessage().contains("at most 200"), tooMany.getMessage());
        assertInstanceOf(NotFrozenException.class, cause(challenger.tokenization().redeemFrozen(List.of(first.tokenId()))));
    }

    @Test
    void aChallengeWithoutADuplicateFails() {
        MintedProduct first = mint(1, 2, 3);
        HardwareId machine = hardware.hardwareIds().get(0);
        MerkleTree other = MerkleTree.of(TokenizationFixture.asics("OTHER-", 3));
        MintedProduct second = issuer.tokenization().mintProduct(fx.sign(fx.attestation(other, CAPACITY, COLLATERAL), 3, 4, 5)).join();
        HardwareNotInProductException e = assertInstanceOf(HardwareNotInProductException.class,
                cause(fx.chain().client(10).tokenization().challengeDuplicateHardware(machine,
                        first.productId(), hardware.proof(machine).proof(), second.productId(), hardware.proof(machine).proof())));
        assertEquals(second.productId(), e.productId());
        assertInstanceOf(SameProductException.class, cause(fx.chain().client(10).tokenization().challengeDuplicateHardware(machine,
                first.productId(), hardware.proof(machine).proof(), first.productId(), hardware.proof(machine).proof())));
    }
}
