// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {GasBench} from "./utils/GasBench.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @notice Claim gas per program, measured as a claimant's transaction pays: everything is prepared
/// in setUp (separate transactions), the claimant claimed once before (steady state: it already
/// holds HMX, its records exist), a day has passed since anyone touched the program, and the
/// measured claim is cold. Execution gas and transaction total, in both EDR modes: see GasBench.
/// Anchor: Synthetix StakingRewards `getReward`, about 138k-189k; goal <= 80,000.
contract IncentivesGasTest is IncentivesFixtures, GasBench {
    string internal label = "claimant finishes the day: ";
    uint256 internal tokenId;
    uint256[] internal ids;
    uint256[] internal idx;

    function setUp() public virtual override {
        super.setUp();
        // liquidity provider and lender
        _lp(alice, 100e18);
        vm.prank(alice);
        lpProgram.stake(100e18);
        vm.prank(lending);
        lenderProgram.setStake(bob, 1_000e6);
        // issuer, attestors, holder: a registered product with two settled epochs
        uint256 pid;
        (pid, tokenId) = _defaultProduct();
        holderRewards.register(pid);
        vm.warp(_epochEnd(0, TERM));
        _report(pid, 0, UNITS, 100, 1);
        _deposit(pid, 0);
        vm.warp(block.timestamp + 1 days);
        _claimAll();
        vm.warp(_epochEnd(1, TERM));
        _report(pid, 1, UNITS, 100, 1);
        _deposit(pid, 1);
        vm.warp(block.timestamp + 1 days);
        ids.push(tokenId);
        idx.push(0);
    }

    function _claimAll() internal {
        vm.prank(alice);
        lpProgram.claim();
        vm.prank(bob);
        lenderProgram.claim();
        vm.prank(issuer);
        issuerRewards.claim();
        vm.prank(att[0]);
        attestorRewards.claim();
        uint256[] memory one = new uint256[](1);
        one[0] = 1;
        holderRewards.claim(one, new uint256[](1));
    }

    function _benchClaim(string memory name, address target, address from, bytes memory data) internal {
        _bench(string.concat(label, name), target, from, data, 0, 0);
    }

    function test_gas_claim_liquidityProvider() public {
        uint256 before = hmx.balanceOf(alice);
        _benchClaim("claim: liquidity providers (stake x time)", address(lpProgram), alice, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(alice), before);
    }

    function test_gas_claim_lender() public {
        uint256 before = hmx.balanceOf(bob);
        _benchClaim("claim: lenders (principal x time, hook)", address(lenderProgram), bob, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(bob), before);
    }

    function test_gas_claim_issuer() public {
        uint256 before = hmx.balanceOf(issuer);
        _benchClaim("claim: issuers (points of a finished day)", address(issuerRewards), issuer, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(issuer), before);
    }

    function test_gas_claim_attestor() public {
        uint256 before = hmx.balanceOf(att[0]);
        _benchClaim("claim: attestors (points of a finished day)", address(attestorRewards), att[0], abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(att[0]), before);
    }

    function test_gas_claim_holderOneHolding() public {
        uint256 before = hmx.balanceOf(issuer);
        _benchClaim(
            "claim: holders (one holding)",
            address(holderRewards),
            relayer,
            abi.encodeWithSignature("claim(uint256[],uint256[])", ids, idx)
        );
        assertGt(hmx.balanceOf(issuer), before);
    }
}

/// @notice The same claims in the steady state of a busy protocol: after the day ended, the
/// protocol's own activity (or a keeper: `sync`, `advance`) already attributed it, so the claimant
/// pays only for its claim.
contract IncentivesGasSteadyTest is IncentivesGasTest {
    function setUp() public override {
        super.setUp();
        label = "steady state: ";
        issuerRewards.sync();
        attestorRewards.sync();
        holderRewards.advance(10);
    }
}
