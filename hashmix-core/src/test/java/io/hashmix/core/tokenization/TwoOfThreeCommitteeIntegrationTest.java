package io.hashmix.core.tokenization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.hashmix.contracts.Deployment;
import io.hashmix.contracts.ProtocolContract;
import io.hashmix.core.HashMix;
import io.hashmix.core.assetclass.NewAssetClass;
import io.hashmix.core.committee.BelowThresholdException;
import io.hashmix.core.committee.NotAnActiveAttestorException;
import io.hashmix.core.deploy.DeployOptions;
import io.hashmix.core.deploy.Deployer;
import io.hashmix.proofs.asset.AssetClassId;
import io.hashmix.proofs.attestation.AttestationBundle;
import io.hashmix.proofs.attestation.ProductAttestation;
import io.hashmix.proofs.eip712.Bytes32;
import io.hashmix.proofs.eip712.Eip712Domain;
import io.hashmix.proofs.hardware.HardwareId;
import io.hashmix.proofs.merkle.MerkleTree;
import io.hashmix.testing.LocalChain;
import io.hashmix.testing.LocalChainExtension;
import io.hashmix.testing.devnet.DevTokens;

/** A deployment of its own with a 2-of-3 committee for Filecoin storage power. */
@ExtendWith(LocalChainExtension.class)
class TwoOfThreeCommitteeIntegrationTest {

    private static final AssetClassId FIL = AssetClassId.ofSymbol("FIL-STORAGE");

    private static Throwable cause(CompletableFuture<?> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void twoOfThreeMintsAndOneOfThreeDoesNot(LocalChain chain) {
        HashMix bootstrap = chain.client(11);
        Deployment d = new Deployer(bootstrap).deploy(DeployOptions.LOCAL).join();
        HashMix owner = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(11)).deployment(d).build());
        var payout = d.contract(ProtocolContract.TEST_PAYOUT_TOKEN).address();
        owner.assetClasses().register(new NewAssetClass("FIL-STORAGE", "TiB", 6, payout)).join();
        for (int i = 12; i <= 14; i++) {
            owner.committee().addAttestor(chain.address(i)).join();
            chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(i)).deployment(d).build())
                    .committee().depositBond(DeployOptions.DEFAULT_MIN_BOND).join();
        }
        owner.committee().setThreshold(FIL, 2).join();
        HashMix issuer = chain.track(HashMix.builder().rpc(chain.rpcUrl()).credentials(chain.account(15)).deployment(d).build());
        new DevTokens(owner).mint(payout, issuer.account(), BigInteger.valueOf(1_000)).join();

        MerkleTree partitions = MerkleTree.of(List.of(
                HardwareId.filecoinPartition(1234, 0, 0),
                HardwareId.filecoinPartition(1234, 0, 1),
                HardwareId.filecoinPartition(1234, 1, 0)));
        long now = chain.control().latestTimestamp().join();
        ProductAttestation a = ProductAttestation.builder().issuer(issuer.account()).assetClass(FIL)
                .capacity(BigInteger.valueOf(512_000_000)).start(now).end(now + 90L * 24 * 3600)
                .hardwareRoot(partitions.root()).hardwareCount(partitions.size()).metadataHash(Bytes32.keccakUtf8("f01234"))
                .collateralToken(payout).collateral(BigInteger.valueOf(300)).nonce(BigInteger.ONE).deadline(now + 600)
                .committeeEpoch(owner.committee().epoch().join()).build();
        Eip712Domain domain = Eip712Domain.hashMix(d.chainId(), issuer.tokenization().address());

        BelowThresholdException one = assertInstanceOf(BelowThresholdException.class, cause(issuer.tokenization()
                .mintProduct(AttestationBundle.builder(domain, a).signWith(chain.account(13)).build())));
        assertEquals(BigInteger.ONE, one.valid());
        assertEquals(BigInteger.TWO, one.required());
        // a key of the other deployment's committee is no member here
        NotAnActiveAttestorException stranger = assertInstanceOf(NotAnActiveAttestorException.class, cause(issuer.tokenization()
                .mintProduct(AttestationBundle.builder(domain, a).signWith(chain.account(12), chain.account(1)).build())));
        assertEquals(chain.address(1), stranger.signer());

        MintedProduct minted = issuer.tokenization()
                .mintProduct(AttestationBundle.builder(domain, a).signWith(chain.account(12), chain.account(14)).build()).join();
        assertEquals(a.capacity(), issuer.tokenization().token(minted.tokenId()).join().units());
        assertEquals(2, issuer.tokenization().productSigners(minted.productId()).join().size());
    }
}
