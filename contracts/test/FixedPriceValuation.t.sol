// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {FixedPriceValuation} from "../src/dev/FixedPriceValuation.sol";
import {UnknownProduct} from "../src/common/Errors.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";

/// @notice The dev-only fixed-price valuation the Java local deployment uses for lending: the interface's
/// formula with one hashprice and one payout token price, 0 for ended, frozen or defaulted products.
contract FixedPriceValuationTest is HashPowerFixtures {
    FixedPriceValuation internal v;
    uint256 internal constant HASHPRICE = 5e13;
    uint256 internal constant PAYOUT = 1e15;

    function setUp() public override {
        super.setUp();
        v = new FixedPriceValuation(hpt, HASHPRICE, PAYOUT);
    }

    function test_valuesRemainingTermAtTheFixedHashprice() public {
        (uint256 pid, uint256 id) = _mintDefault();
        assertEq(address(v.token()), address(hpt));
        assertEq(v.hashprice(), HASHPRICE);
        assertEq(v.valueOf(id), (CAPACITY * 365 days * HASHPRICE) / 1 days);
        assertEq(v.valueOfUnits(pid, 10), (10 * 365 days * HASHPRICE) / 1 days);
        vm.warp(T0 + 100 days);
        assertEq(v.valueOf(id), (CAPACITY * 265 days * HASHPRICE) / 1 days);
        assertEq(v.deliveryRatio(pid), 1e18);
        assertEq(v.payoutTokenPrice(btc), PAYOUT);
        vm.warp(T0 + 365 days);
        assertEq(v.valueOf(id), 0, "ended");
        assertEq(v.valueOfUnits(pid, 10), 0);
    }

    function test_productsNotYetStartedAreValuedOverTheirWholeTerm() public {
        (uint256 pid,) = _mint(_laterAttestation());
        assertEq(v.valueOfUnits(pid, 1), (1 * 30 days * HASHPRICE) / 1 days);
    }

    function _laterAttestation() internal view returns (HashPowerToken.ProductAttestation memory a) {
        a = _attestation(9);
        a.start = uint64(T0 + 10 days);
        a.end = uint64(T0 + 40 days);
    }

    function test_frozenOrDefaultedProductsAreWorthNothing() public {
        (uint256 pid, uint256 id) = _mintDefault();
        _register("FulfillmentVault", address(this));
        _register("HardwareRegistry", address(this));
        _wire();
        hpt.markDefaulted(pid);
        assertEq(v.valueOf(id), 0);
        assertEq(v.valueOfUnits(pid, 1), 0);
        (uint256 pid2, uint256 id2) = _mint(_attestation(2));
        hpt.freeze(pid2);
        assertEq(v.valueOf(id2), 0);
        assertEq(v.valueOfUnits(pid2, 1), 0);
    }

    function test_unknownTokensAndProductsRevert() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, 42));
        v.valueOf(42);
        vm.expectRevert(abi.encodeWithSelector(UnknownProduct.selector, 42));
        v.valueOfUnits(42, 1);
    }
}
