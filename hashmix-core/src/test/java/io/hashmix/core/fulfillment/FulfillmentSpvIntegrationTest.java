package io.hashmix.core.fulfillment;

import static io.hashmix.core.testing.FulfillmentFixture.EPOCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.contracts.ProtocolContract;
import io.hashmix.contracts.generated.BtcSpvVerifier;
import io.hashmix.core.HashMix;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.internal.BoundContract;
import io.hashmix.core.testing.FulfillmentFixture;
import io.hashmix.core.tokenization.MintedProduct;
import io.hashmix.proofs.ProductId;
import io.hashmix.proofs.attestation.AttestationSigner;
import io.hashmix.proofs.attestation.AttestorSignature;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.fulfillment.Evidence;
import io.hashmix.proofs.fulfillment.FulfillmentReport;
import io.hashmix.proofs.fulfillment.ReportBundle;
import io.hashmix.proofs.spv.BitcoinHash;
import io.hashmix.proofs.spv.BitcoinMerkle;
import io.hashmix.proofs.spv.BitcoinTransaction;
import io.hashmix.proofs.spv.BlockHeader;
import io.hashmix.proofs.spv.CheckpointAttestation;
import io.hashmix.proofs.spv.CompactTarget;
import io.hashmix.proofs.spv.PaymentProof;
import io.hashmix.proofs.spv.TxInput;
import io.hashmix.proofs.spv.TxOutput;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;

/**
 * {@code submitReportWithPayment} against the deployed regtest {@code BtcSpvVerifier}: a committee
 * checkpoint, a mined header chain with a payout transaction, and the report whose evidence is its
 * txid.
 */
@ExtendWith(LocalChainExtension.class)
class FulfillmentSpvIntegrationTest {

    private static final long EASY_BITS = 0x207fffffL;
    private static final long CHECKPOINT_HEIGHT = 800_000;
    private static final long PAID_SATOSHIS = 123_456;
    /** P2WPKH of a made-up key hash: where the issuer's pool pays the product's revenue. */
    private static final byte[] PAYEE = p2wpkh(0x42);
    private static final BigInteger CAPACITY = BigInteger.valueOf(1_000_000);

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    private static byte[] p2wpkh(int seed) {
        byte[] s = new byte[22];
        s[0] = 0x00;
        s[1] = 0x14;
        for (int i = 0; i < 20; i++) {
            s[2 + i] = (byte) (seed + i);
        }
        return s;
    }

    private static BlockHeader mine(Bytes32 prev, Bytes32 root, long time) {
        BlockHeader h = new BlockHeader(0x20000000, prev, root, time, EASY_BITS, 0);
        BigInteger target = CompactTarget.decode(EASY_BITS);
        for (long nonce = 0;; nonce++) {
            BlockHeader c = h.withNonce(nonce);
            if (c.hashAsNumber().compareTo(target) <= 0) {
                return c;
            }
        }
    }

    /** A checkpoint attested by attestors 1..3, a block on it paying {@link #PAYEE}, two more blocks on top. */
    private PaymentProof payment(FulfillmentFixture fx) {
        Bytes32 checkpointHash = BitcoinHash.sha256d("hashmix checkpoint".getBytes(StandardCharsets.US_ASCII));
        submitCheckpoint(fx, checkpointHash);

        byte[] height = {0x03, 0x01, 0x35, 0x0c}; // BIP 34 push of 800,001
        BitcoinTransaction coinbase = new BitcoinTransaction(2,
                List.of(TxInput.legacy(Bytes32.ZERO, 0xffffffffL, height, 0xffffffffL)),
                List.of(new TxOutput(312_500_000L, p2wpkh(0x10))), 0);
        BitcoinTransaction payout = new BitcoinTransaction(2,
                List.of(TxInput.legacy(BitcoinHash.sha256d(new byte[] {7}), 1, new byte[] {0x51}, 0xffffffffL)),
                List.of(new TxOutput(PAID_SATOSHIS, PAYEE), new TxOutput(10_000, p2wpkh(0x77))), 0);
        List<Bytes32> txids = List.of(coinbase.txid(), payout.txid());
        long time = 1_700_000_000L;
        List<BlockHeader> headers = new ArrayList<>();
        headers.add(mine(checkpointHash, BitcoinMerkle.root(txids), time));
        for (int i = 1; i < 3; i++) {
            headers.add(mine(headers.get(i - 1).hash(), BitcoinHash.sha256d(new byte[] {(byte) i}), time + 600L * i));
        }
        return PaymentProof.build(txids, payout, coinbase, headers, 0, PAYEE, PAID_SATOSHIS, 3);
    }

    private void submitCheckpoint(FulfillmentFixture fx, Bytes32 blockHash) {
        HashMix relayer = fx.chain().client(9);
        var verifierAddress = fx.chain().deployment().contract(ProtocolContract.BTC_SPV_VERIFIER).address();
        BoundContract bound = new BoundContract("BtcSpvVerifier", verifierAddress, relayer.calls(), relayer.transactions());
        BtcSpvVerifier verifier = bound.encoder(BtcSpvVerifier::load);
        long committeeEpoch = fx.admin().committee().epoch().join();
        CheckpointAttestation a = new CheckpointAttestation(blockHash, CHECKPOINT_HEIGHT, EASY_BITS, BigInteger.ONE,
                fx.now() + 3600, committeeEpoch);
        Bytes32 digest = Eip712.digest(Eip712Domain.hashMix(fx.chain().deployment().chainId(), verifierAddress), a);
        List<AttestorSignature> sigs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sigs.add(AttestationSigner.sign(digest, fx.tokens().attestor(i)));
        }
        sigs.sort(AttestorSignature.BY_SIGNER);
        bound.send("submitCheckpoint", verifier.submitCheckpoint(
                new BtcSpvVerifier.HeaderCheckpoint(blockHash.value(), BigInteger.valueOf(CHECKPOINT_HEIGHT),
                        BigInteger.valueOf(EASY_BITS), BigInteger.ONE, BigInteger.valueOf(a.deadline()),
                        BigInteger.valueOf(committeeEpoch)),
                sigs.stream().map(s -> new BtcSpvVerifier.AttestorSignature(s.signer().hex(), s.signature())).toList())).join();
    }

    /**
     * The evidence must be the proven txid; with it the report is accepted and the satoshis proven;
     * the same payment cannot back a second report.
     */
    @Test
    void reportWithPaymentProof(LocalChain chain) {
        FulfillmentFixture fx = new FulfillmentFixture(chain);
        HashMix relayer = chain.client(9);
        MintedProduct m = fx.mint(CAPACITY, BigInteger.valueOf(10_000_000), 2);
        ProductId id = m.productId();
        long start = fx.issuer().tokenization().product(id).join().start().getEpochSecond();
        PaymentProof proof = payment(fx);
        Bytes32 txid = BitcoinHash.sha256d(proof.transaction());

        fx.advanceTo(start + EPOCH.toSeconds() + 1);
        FulfillmentReport wrong = fx.report(id, 0, CAPACITY, BigInteger.valueOf(5_000_000), BigInteger.valueOf(5));
        EvidenceMismatchException mismatch = assertInstanceOf(EvidenceMismatchException.class,
                cause(relayer.fulfillment().submitReportWithPayment(fx.sign(wrong), proof)));
        assertEquals(wrong.evidence(), mismatch.evidence());
        assertEquals(txid, mismatch.txid());

        FulfillmentReport right = wrong.toBuilder().evidence(txid).nonce(wrong.nonce().add(BigInteger.valueOf(1000))).build();
        ReportBundle bundle = fx.sign(right);
        SubmittedReport accepted = relayer.fulfillment().submitReportWithPayment(bundle, proof).join();
        assertEquals(Optional.of(BigInteger.valueOf(PAID_SATOSHIS)), accepted.provenSatoshis());
        assertEquals(bundle.digest(), accepted.digest());
        EpochInfo info = relayer.fulfillment().epochInfo(id, 0).join();
        assertEquals(EpochStatus.REPORTED, info.status());
        assertEquals(txid, info.evidence());
        assertEquals(Evidence.bitcoinTxidDisplayHex(txid), BitcoinHash.toDisplayHex(info.evidence()));

        fx.advanceTo(start + 2 * EPOCH.toSeconds() + 1);
        FulfillmentReport next = fx.report(id, 1, CAPACITY, BigInteger.valueOf(5_000_000), BigInteger.valueOf(5))
                .toBuilder().evidence(txid).build();
        CustomErrorException claimed = assertInstanceOf(CustomErrorException.class,
                cause(relayer.fulfillment().submitReportWithPayment(fx.sign(next), proof)));
        assertEquals("PaymentAlreadyClaimed", claimed.errorName());
        assertEquals(txid, Bytes32.of((byte[]) claimed.error().value(0)));
    }
}
