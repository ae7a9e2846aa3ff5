// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MakerRewards} from "../src/incentives/MakerRewards.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {GasBench} from "./utils/GasBench.sol";
import {MakerRewardsFixtures} from "./utils/MakerRewardsFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice The market makers' program as a transaction pays it, with 1,024 makers (10-level proofs):
/// a root published for the second period (3 committee signatures), a maker's claim under it after
/// it claimed under the first (steady state: it holds HMX, its claimed slot exists), and a maker's
/// first claim. Everything else is prepared in setUp. Goal for a claim (issue #13): at most 80,000.
abstract contract MakerRewardsGasBase is MakerRewardsFixtures, GasBench {
    uint256 internal constant MAKERS = 1_024;

    address[] internal accounts;
    uint256[] internal amounts;
    bytes32[] internal leaves;
    bytes32 internal root2;
    uint256 internal total2;
    bytes32[] internal proof7;
    bytes32[] internal proof8;

    function setUp() public virtual override {
        super.setUp();
        vm.warp(emissionStart + 1 days);
        accounts = new address[](MAKERS);
        amounts = new uint256[](MAKERS);
        for (uint256 i; i < MAKERS; i++) {
            accounts[i] = address(uint160(0x10000 + i));
            amounts[i] = 1e18 + i;
        }
        _publishTree(accounts, amounts);
        _claim(accounts, amounts, 7); // maker 7 claimed under the first root
        vm.warp(block.timestamp + 1 days);
        for (uint256 i; i < MAKERS; i++) {
            amounts[i] += 2e18;
        }
        // the tree's root and two proofs computed here, so the tests' own gas (.gas-snapshot) is the
        // measured call's and not the 1,024-leaf tree's
        leaves = _leaves(accounts, amounts);
        root2 = MerkleHelper.rootOfLeaves(leaves);
        total2 = _sum(amounts);
        proof7 = MerkleHelper.proofOfLeaves(leaves, 7);
        proof8 = MerkleHelper.proofOfLeaves(leaves, 8);
    }

    /// The second period's root (computed in setUp), signed.
    function _second() internal returns (MakerRewards.MakerRoot memory r, AttestorSignature[] memory sigs) {
        r = MakerRewards.MakerRoot({
            period: 2,
            toBlock: uint64(block.number - 1),
            root: root2,
            total: total2,
            nonce: ++rootNonce,
            deadline: uint64(block.timestamp + 1 hours),
            committeeEpoch: attestorRegistry.epoch()
        });
        sigs = _signRoot(r, 0, THRESHOLD);
    }
}

/// @notice The second period's root, published.
contract MakerRewardsGasTest is MakerRewardsGasBase {
    function test_gas_publishRoot() public {
        (MakerRewards.MakerRoot memory r, AttestorSignature[] memory sigs) = _second();
        _bench(
            "publishRoot (second period, 3 signatures)",
            address(makers),
            stranger,
            abi.encodeCall(MakerRewards.publishRoot, (r, sigs)),
            0,
            0
        );
        assertEq(makers.state().period, 2);
    }
}

/// @notice Claims under the second root, published in setUp so that the test's own gas
/// (.gas-snapshot) is the claim's.
contract MakerRewardsClaimGasTest is MakerRewardsGasBase {
    function setUp() public override {
        super.setUp();
        (MakerRewards.MakerRoot memory r, AttestorSignature[] memory sigs) = _second();
        makers.publishRoot(r, sigs);
        vm.roll(block.number + 1);
    }

    function test_gas_claim_steadyState() public {
        assertEq(proof7.length, 10);
        _benchClaim("claim (10-level proof, claimed before)", 7, proof7);
    }

    function test_gas_claim_first() public {
        _benchClaim("claim (10-level proof, the maker's first)", 8, proof8);
    }

    /// Measures maker `i`'s claim with `proof`; the maker ends up paid
    /// its whole cumulative amount.
    function _benchClaim(string memory name, uint256 i, bytes32[] memory proof) internal {
        _bench(
            name, address(makers), accounts[i], abi.encodeCall(MakerRewards.claim, (accounts[i], amounts[i], proof)), 0, 80_000
        );
        assertEq(hmx.balanceOf(accounts[i]), amounts[i]);
    }
}
