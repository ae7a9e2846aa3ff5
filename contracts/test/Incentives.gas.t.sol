// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {console} from "forge-std/console.sol";
import {IncentivesFixtures} from "./utils/IncentivesFixtures.sol";

/// @notice Claim gas per program, measured as a claimant's transaction pays: everything is prepared
/// in setUp (separate transactions), the claimant claimed once before (steady state: it already
/// holds HMX, its records exist), a day has passed since anyone touched the program, and the
/// measured claim is cold. Transaction total = 21,000 + calldata + execution - refund (capped).
/// Anchor: Synthetix StakingRewards `getReward`, about 138k-189k; goal <= 80,000.
contract IncentivesGasTest is IncentivesFixtures {
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

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; i++) {
            g += data[i] == 0 ? 4 : 16;
        }
    }

    function _bench(string memory name, address target, address from, bytes memory data) internal returns (uint256 total) {
        vm.prank(from, from);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        Vm.Gas memory g = vm.lastCallGas();
        uint256 gross = 21_000 + _calldataGas(data) + g.gasTotalUsed;
        uint256 refund = g.gasRefunded > 0 ? uint256(uint64(g.gasRefunded)) : 0;
        if (refund > gross / 5) refund = gross / 5;
        total = gross - refund;
        console.log(string.concat(label, name));
        console.log("  callee execution gas        ", g.gasTotalUsed);
        console.log("  transaction total           ", total);
    }

    function test_gas_claim_liquidityProvider() public {
        uint256 before = hmx.balanceOf(alice);
        _bench("claim: liquidity providers (stake x time)", address(lpProgram), alice, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(alice), before);
    }

    function test_gas_claim_lender() public {
        uint256 before = hmx.balanceOf(bob);
        _bench("claim: lenders (principal x time, hook)", address(lenderProgram), bob, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(bob), before);
    }

    function test_gas_claim_issuer() public {
        uint256 before = hmx.balanceOf(issuer);
        _bench("claim: issuers (points of a finished day)", address(issuerRewards), issuer, abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(issuer), before);
    }

    function test_gas_claim_attestor() public {
        uint256 before = hmx.balanceOf(att[0]);
        _bench("claim: attestors (points of a finished day)", address(attestorRewards), att[0], abi.encodeWithSignature("claim()"));
        assertGt(hmx.balanceOf(att[0]), before);
    }

    function test_gas_claim_holderOneHolding() public {
        uint256 before = hmx.balanceOf(issuer);
        _bench(
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
