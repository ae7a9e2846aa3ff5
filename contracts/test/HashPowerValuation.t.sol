// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ZeroAddress} from "../src/common/Errors.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HashPowerValuation} from "../src/oracle/HashPowerValuation.sol";
import {IHashPriceOracle} from "../src/oracle/IHashPriceOracle.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {IHashPowerValuation} from "../src/interfaces/IHashPowerValuation.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice The one valuation: units x remaining life x hashprice x delivery ratio, rounded down;
/// unusable prices revert and never value anything at 0 (checklist item 20).
contract HashPowerValuationTest is SwapFixtures {
    uint256 internal pid;
    uint256 internal tokenId;

    function setUp() public override {
        super.setUp();
        (pid, tokenId) = _btcToken(alice, BTC_UNITS);
    }

    function _expected(uint256 units, uint256 remaining, uint256 hp, uint256 ratio) internal pure returns (uint256) {
        return (units * remaining * hp / 1 days) * ratio / 1e18;
    }

    function _remaining() internal view returns (uint256) {
        return T0 + YEAR - block.timestamp;
    }

    // ---------------------------------------------------------------- the formula

    function test_constructor_rejectsZeroAddresses() public {
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerValuation(IHashPowerToken(address(0)), fv, oracle);
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerValuation(hpt, IFulfillmentVault(address(0)), oracle);
        vm.expectRevert(ZeroAddress.selector);
        new HashPowerValuation(hpt, fv, IHashPriceOracle(address(0)));
    }

    function test_valueOf_isUnitsTimesRemainingTimesHashprice() public view {
        uint256 expected = _expected(BTC_UNITS, _remaining(), BTC_HASHPRICE, 1e18);
        assertEq(valuation.valueOf(tokenId), expected);
        // 1,000 TH/s x 363 days x 0.05 USD = 18,150 USD
        assertEq(expected, 18_150e18);
        assertEq(valuation.valueOfUnits(pid, BTC_UNITS), expected);
        assertEq(valuation.valueOfUnits(pid, 1), _expected(1, _remaining(), BTC_HASHPRICE, 1e18));
    }

    function test_valueDecaysWithTheRemainingLife() public {
        uint256 before = valuation.valueOf(tokenId);
        vm.warp(block.timestamp + 30 days);
        _refreshPrices();
        uint256 later = valuation.valueOf(tokenId);
        assertEq(later, _expected(BTC_UNITS, _remaining(), BTC_HASHPRICE, 1e18));
        assertLt(later, before);
    }

    function test_beforeStart_theWholeTermCounts() public {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.start = uint64(block.timestamp + 10 days);
        a.end = a.start + 100 days;
        (uint256 later,) = _mint(a);
        assertEq(valuation.valueOfUnits(later, CAPACITY), _expected(CAPACITY, 100 days, BTC_HASHPRICE, 1e18));
    }

    function test_payoutTokenPriceAndHashprice() public view {
        assertEq(valuation.payoutTokenPrice(btc), BTC_PAYOUT_PRICE);
        assertEq(valuation.payoutTokenPrice(fil), FIL_PAYOUT_PRICE);
        assertEq(valuation.hashprice(fil), FIL_HASHPRICE);
    }

    function test_unknownTokenOrProduct_reverts() public {
        vm.expectRevert();
        valuation.valueOf(999);
        vm.expectRevert();
        valuation.valueOfUnits(999, 1);
    }

    // ---------------------------------------------------------------- worth nothing, without a price

    function test_endedProduct_isWorthZero_evenWithoutAPrice() public {
        vm.warp(T0 + YEAR);
        assertFalse(oracle.isUsable(btc));
        assertEq(valuation.valueOf(tokenId), 0);
        assertEq(valuation.valueOfUnits(pid, 5), 0);
        assertEq(valuation.unitsForValue(pid, 1e18), 0);
    }

    function test_frozenProduct_isWorthZero() public {
        vm.prank(address(hardwareRegistry));
        hpt.freeze(pid);
        assertEq(valuation.valueOf(tokenId), 0);
        assertEq(valuation.valueOfUnits(pid, 5), 0);
        assertEq(valuation.unitsForValue(pid, 1e18), 0);
    }

    function test_defaultedProduct_isWorthZero() public {
        vm.prank(address(fv));
        hpt.markDefaulted(pid);
        assertEq(valuation.valueOf(tokenId), 0);
        assertEq(valuation.valueOfUnits(pid, 5), 0);
        assertEq(valuation.unitsForValue(pid, 1e18), 0);
    }

    // ---------------------------------------------------------------- item 20

    function test_item20_stalePrice_revertsAndNeverValuesAtZero() public {
        vm.warp(block.timestamp + HEARTBEAT + 1);
        bytes memory err = abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc);
        vm.expectRevert(err);
        valuation.valueOf(tokenId);
        vm.expectRevert(err);
        valuation.valueOfUnits(pid, 1);
        vm.expectRevert(err);
        valuation.unitsForValue(pid, 1e18);
        vm.expectRevert(err);
        valuation.payoutTokenPrice(btc);
        vm.expectRevert(err);
        valuation.hashprice(btc);
    }

    function test_item20_pausedOrTrippedPrice_reverts() public {
        vm.prank(guardian);
        oracle.setPaused(btc, true);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        valuation.valueOf(tokenId);
        vm.prank(guardian);
        oracle.setPaused(btc, false);
        vm.warp(block.timestamp + 1);
        _price(btc, BTC_HASHPRICE * 2, BTC_PAYOUT_PRICE);
        vm.expectRevert(abi.encodeWithSelector(IHashPowerValuation.PriceUnusable.selector, btc));
        valuation.valueOf(tokenId);
    }

    // ---------------------------------------------------------------- delivery ratio

    /// Settles epoch `e` of `pid` with `delivered` units (unit revenue 1e-6 base unit per unit, so a
    /// shortfall makes the epoch `Short`), deposit included.
    function _deliver(uint256 product, uint32 e, uint256 delivered) internal {
        vm.warp(T0 + (uint256(e) + 1) * EPOCH + 1);
        _submit(_rScaled(product, e, delivered, 1e6, 1e12));
        _deposit(product, e);
        _refreshPrices();
    }

    function test_deliveryRatio_isOneUntilAnEpochSettles() public {
        assertEq(valuation.deliveryRatio(pid), 1e18);
        vm.expectRevert();
        valuation.deliveryRatio(12345);
    }

    function test_deliveryRatio_underDeliveringProductIsWorthLess() public {
        _deliver(pid, 0, BTC_UNITS / 2);
        assertEq(uint8(lens.epochInfo(pid, 0).status), uint8(IFulfillmentVault.EpochStatus.Short));
        assertEq(valuation.deliveryRatio(pid), 0.5e18);
        assertEq(valuation.valueOf(tokenId), _expected(BTC_UNITS, _remaining(), BTC_HASHPRICE, 0.5e18));
        _deliver(pid, 1, BTC_UNITS);
        assertEq(valuation.deliveryRatio(pid), 0.75e18);
    }

    function test_deliveryRatio_missedAndUnreportedEpochsCountZero() public {
        _deliver(pid, 0, BTC_UNITS);
        // epoch 1 reported but never deposited: Missed
        vm.warp(T0 + 2 * EPOCH + 1);
        _submit(_rScaled(pid, 1, BTC_UNITS, 1e6, 1e12));
        vm.warp(block.timestamp + DEPOSIT_WINDOW + 1);
        _settle(pid);
        assertEq(uint8(lens.epochInfo(pid, 1).status), uint8(IFulfillmentVault.EpochStatus.Missed));
        // epoch 2 never reported: Unreported
        vm.warp(T0 + 3 * EPOCH + REPORT_WINDOW + 1);
        _settle(pid);
        assertEq(uint8(lens.epochInfo(pid, 2).status), uint8(IFulfillmentVault.EpochStatus.Unreported));
        // (1 + 0 + 0) / 3
        assertEq(valuation.deliveryRatio(pid), uint256(1e18) / 3);
    }

    function test_deliveryRatio_looksAtTheLastFourSettledEpochs() public {
        // epoch 0 delivers nothing, epochs 1-4 everything: the window drops epoch 0
        _deliver(pid, 0, 0);
        assertEq(valuation.deliveryRatio(pid), 0);
        assertEq(valuation.valueOf(tokenId), 0, "nothing delivered recently: worth nothing");
        assertEq(valuation.unitsForValue(pid, 1e18), 0);
        for (uint32 e = 1; e <= 3; e++) {
            _deliver(pid, e, BTC_UNITS);
        }
        assertEq(valuation.deliveryRatio(pid), 0.75e18);
        _deliver(pid, 4, BTC_UNITS);
        assertEq(valuation.deliveryRatio(pid), 1e18);
    }

    // ---------------------------------------------------------------- units for a value

    function test_unitsForValue_isTheInverseRoundedDown() public view {
        uint256 v = valuation.valueOfUnits(pid, 123_456_789);
        uint256 u = valuation.unitsForValue(pid, v);
        assertEq(u, 123_456_789);
        assertEq(valuation.unitsForValue(pid, v - 1), 123_456_788);
    }

    function testFuzz_unitsForValue_neverBuysMoreThanTheValue(uint256 value, uint256 hp) public {
        value = bound(value, 0, 1e30);
        hp = bound(hp, BTC_HASHPRICE * 8 / 10, BTC_HASHPRICE * 12 / 10);
        vm.warp(block.timestamp + 1);
        _price(btc, hp, BTC_PAYOUT_PRICE);
        uint256 u = valuation.unitsForValue(pid, value);
        assertLe(valuation.valueOfUnits(pid, u), value, "never more than the value");
        // and the next unit's exact value would exceed it
        uint256 rem = _remaining();
        assertGt((u + 1) * rem * hp, value * 1 days, "the most units");
    }
}
