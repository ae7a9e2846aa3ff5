// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {HashPriceOracle} from "../../src/oracle/HashPriceOracle.sol";
import {IHashPriceOracle} from "../../src/oracle/IHashPriceOracle.sol";
import {HashPowerValuation} from "../../src/oracle/HashPowerValuation.sol";
import {HashPowerSwapPool, IFrozenRedemption} from "../../src/swap/HashPowerSwapPool.sol";
import {SwapPoolLens} from "../../src/swap/SwapPoolLens.sol";
import {IFulfillmentClaims} from "../../src/interfaces/IFulfillmentClaims.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {FulfillmentFixtures} from "./FulfillmentFixtures.sol";

/// @dev Swap area fixtures, on top of the fulfillment fixtures (committee of 5, threshold 3, BTC-SHA256
/// paid in tWBTC, the vault with 7-day epochs): a second asset class FIL-STORAGE (TiB, 6 decimals)
/// paid in tFIL (18 decimals) with its own threshold and epochs; the price oracle, the valuation and
/// the swap pool (fee 30 bps), wired from the wiring table; bounds of both classes (1-day heartbeat,
/// 20% move) and pool classes (caps 100,000 units x 1e6, 30 days minimum term) scheduled and applied
/// after their 2-day delay; first prices reported. Products run from T0 for 365 days.
abstract contract SwapFixtures is FulfillmentFixtures {
    HashPriceOracle internal oracle;
    HashPowerValuation internal valuation;
    HashPowerSwapPool internal pool;
    SwapPoolLens internal poolLens;
    TestPayoutToken internal tfil;
    bytes32 internal fil;

    address internal trader = makeAddr("trader");
    address internal lp = makeAddr("lp");
    address internal guardian;

    uint256 internal constant FEE_BPS = 30;
    uint32 internal constant HEARTBEAT = 1 days;
    uint16 internal constant MAX_MOVE = 2_000;
    uint64 internal constant CAP = 100_000e6;
    uint32 internal constant MIN_REMAINING = 30 days;
    uint256 internal constant YEAR = 365 days;
    uint256 internal constant BTC_UNITS = 1_000e6; // 1,000 TH/s
    uint256 internal constant FIL_UNITS = 2_000e6; // 2,000 TiB

    /// 0.05 USD per TH/s per day = 5e-8 USD per base unit per day
    uint256 internal constant BTC_HASHPRICE = 5e10;
    /// 100,000 USD per WBTC (8 decimals): 1e-3 USD per satoshi, x 1e18
    uint256 internal constant BTC_PAYOUT_PRICE = 1e15;
    /// 0.02 USD per TiB per day
    uint256 internal constant FIL_HASHPRICE = 2e10;
    /// 5 USD per FIL (18 decimals)
    uint256 internal constant FIL_PAYOUT_PRICE = 5;

    function setUp() public virtual override {
        super.setUp();
        guardian = owner;
        tfil = new TestPayoutToken("Wrapped FIL (test)", "tFIL", 18, owner);
        vm.startPrank(owner);
        fil = assetClasses.registerAssetClass("FIL-STORAGE", "TiB", 6, address(tfil));
        attestorRegistry.setThreshold(fil, THRESHOLD);
        fv.setEpochConfig(fil, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        tfil.mint(issuer, 1_000_000e18);
        vm.stopPrank();
        vm.startPrank(issuer);
        tfil.approve(address(collateralVault), type(uint256).max);
        tfil.approve(address(fv), type(uint256).max);
        vm.stopPrank();

        oracle = new HashPriceOracle(address(manager), attestorRegistry);
        valuation = new HashPowerValuation(hpt, fv, oracle);
        pool = new HashPowerSwapPool(
            address(manager),
            hpt,
            valuation,
            IFulfillmentClaims(address(fv)),
            IFrozenRedemption(address(hardwareRegistry)),
            assetClasses,
            FEE_BPS,
            address(0)
        );
        _register("HashPriceOracle", address(oracle));
        _register("HashPowerValuation", address(valuation));
        _register("HashPowerSwapPool", address(pool));
        poolLens = new SwapPoolLens(address(pool));
        _wire();

        vm.startPrank(owner);
        oracle.scheduleBounds(btc, HEARTBEAT, MAX_MOVE);
        oracle.scheduleBounds(fil, HEARTBEAT, MAX_MOVE);
        pool.scheduleClass(btc, CAP, MIN_REMAINING);
        pool.scheduleClass(fil, CAP, MIN_REMAINING);
        vm.stopPrank();
        vm.warp(block.timestamp + 2 days);
        oracle.applyBounds(btc);
        oracle.applyBounds(fil);
        pool.applyClass(btc);
        pool.applyClass(fil);
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        _price(fil, FIL_HASHPRICE, FIL_PAYOUT_PRICE);
    }

    // ---------------------------------------------------------------- prices

    function _report(bytes32 cls, uint64 observedAt) internal view returns (IHashPriceOracle.PriceReport memory r) {
        r.assetClass = cls;
        r.observedAt = observedAt;
        r.deadline = uint64(block.timestamp + 1 hours);
        r.committeeEpoch = attestorRegistry.epoch();
    }

    /// Observations of attestors `idx` (ascending indexes into `att`) with their own prices.
    function _observe(
        IHashPriceOracle.PriceReport memory r,
        uint256[] memory idx,
        uint256[] memory hps,
        uint256[] memory pps
    ) internal view returns (IHashPriceOracle.PriceReport memory) {
        r.observations = new IHashPriceOracle.Observation[](idx.length);
        for (uint256 i; i < idx.length; i++) {
            bytes32 digest = oracle.hashObservation(r, hps[i], pps[i]);
            r.observations[i] = IHashPriceOracle.Observation({
                observer: att[idx[i]],
                hashprice: hps[i],
                payoutPrice: pps[i],
                signature: _signDigest(attKey[idx[i]], digest)
            });
        }
        return r;
    }

    /// A report of `m` observers (att[0..m-1]) all observing the same prices, now.
    function _uniform(bytes32 cls, uint256 m, uint256 hp, uint256 pp)
        internal
        view
        returns (IHashPriceOracle.PriceReport memory r)
    {
        uint256[] memory idx = new uint256[](m);
        uint256[] memory hps = new uint256[](m);
        uint256[] memory pps = new uint256[](m);
        for (uint256 i; i < m; i++) {
            idx[i] = i;
            hps[i] = hp;
            pps[i] = pp;
        }
        return _observe(_report(cls, uint64(block.timestamp)), idx, hps, pps);
    }

    function _price(bytes32 cls, uint256 hp, uint256 pp) internal {
        IHashPriceOracle.PriceReport memory r = _uniform(cls, THRESHOLD, hp, pp);
        vm.prank(relayer);
        oracle.submitReport(r);
    }

    /// Fresh prices for both classes (after a warp).
    function _refreshPrices() internal {
        _price(btc, BTC_HASHPRICE, BTC_PAYOUT_PRICE);
        _price(fil, FIL_HASHPRICE, FIL_PAYOUT_PRICE);
    }

    function _arr(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory u) {
        u = new uint256[](3);
        u[0] = a;
        u[1] = b;
        u[2] = c;
    }

    // ---------------------------------------------------------------- products and tokens

    /// A BTC product of `units` over [T0, T0 + 1 year), its token given to `to`.
    function _btcToken(address to, uint256 units) internal returns (uint256 pid, uint256 tokenId) {
        (pid, tokenId) = _productIn(btc, address(wbtc), units, YEAR, COLLATERAL);
        vm.prank(issuer);
        hpt.transferFrom(issuer, to, tokenId);
    }

    /// A FIL-STORAGE product of `units` over [T0, T0 + 1 year), its token given to `to`.
    function _filToken(address to, uint256 units) internal returns (uint256 pid, uint256 tokenId) {
        (pid, tokenId) = _productIn(fil, address(tfil), units, YEAR, 1_000e18);
        vm.prank(issuer);
        hpt.transferFrom(issuer, to, tokenId);
    }

    /// `who` deposits all of `tokenId` into the pool.
    function _lpDeposit(address who, uint256 tokenId) internal returns (uint256 shares) {
        uint256 units = hpt.tokenData(tokenId).units;
        return _depositUnits(who, tokenId, units);
    }

    function _depositUnits(address who, uint256 tokenId, uint256 units) internal returns (uint256 shares) {
        vm.startPrank(who);
        hpt.setApprovalForAll(address(pool), true);
        shares = pool.deposit(tokenId, units, 0, who);
        vm.stopPrank();
    }

    function _params(uint256 tokenIn, uint256 unitsIn, uint256 tokenOut, uint256 minOut)
        internal
        view
        returns (HashPowerSwapPool.SwapParams memory p)
    {
        p = HashPowerSwapPool.SwapParams({
            tokenIn: tokenIn,
            unitsIn: unitsIn,
            tokenOut: tokenOut,
            minUnitsOut: minOut,
            recipient: trader,
            deadline: uint64(block.timestamp + 1 hours)
        });
    }

    function _swap(address who, HashPowerSwapPool.SwapParams memory p) internal returns (uint256 out, uint256 got) {
        vm.startPrank(who);
        hpt.setApprovalForAll(address(pool), true);
        (out, got) = pool.swap(p);
        vm.stopPrank();
    }

    /// The held token of `productId` with the most units.
    function _heldOfProduct(uint256 productId) internal view returns (uint256 best) {
        uint256[] memory ids = pool.heldTokens();
        uint256 most;
        for (uint256 i; i < ids.length; i++) {
            (uint256 pid, uint256 units) = poolLens.heldToken(ids[i]);
            if (pid == productId && units > most) (best, most) = (ids[i], units);
        }
        require(best != 0, "no held token of product");
    }

    function _balance(address token, address who) internal view returns (uint256) {
        return IERC20(token).balanceOf(who);
    }
}
