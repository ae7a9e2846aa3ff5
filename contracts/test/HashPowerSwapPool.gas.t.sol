// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerSwapPool} from "../src/swap/HashPowerSwapPool.sol";
import {GasBench} from "./utils/GasBench.sol";
import {SwapFixtures} from "./utils/SwapFixtures.sol";

/// @notice Gas of a cross-coin swap of part of a token (the issue's benchmark): the trader gives 100
/// of its 1,000 TH/s of BTC hash power (the pool carves them off its token) and receives FIL storage
/// units carved off the pool's token. Everything is prepared in setUp, so the measured call starts
/// with cold storage like a real transaction; each product has three settled epochs (the valuation
/// reads the delivery record). Execution gas and transaction total, in both EDR modes: see GasBench.
/// The Java integration test measures the same swap as a real receipt (docs/benchmarks.md).
contract HashPowerSwapPoolGasTest is SwapFixtures, GasBench {
    uint256 internal filToken;
    uint256 internal btcToken;
    HashPowerSwapPool.SwapParams internal params;

    function setUp() public override {
        super.setUp();
        uint256 filPid;
        uint256 btcPid;
        (filPid, filToken) = _filToken(lp, 2_000e6);
        _lpDeposit(lp, filToken);
        (btcPid, btcToken) = _btcToken(trader, 1_000e6);
        (, uint256 lpBtc) = _btcToken(lp, 1_000e6);
        _lpDeposit(lp, lpBtc);
        // three settled epochs for both products
        for (uint32 e; e < 3; e++) {
            vm.warp(T0 + (uint256(e) + 1) * EPOCH + 1);
            _submit(_r(btcPid, e, 1_000e6, 1e6, 0));
            _deposit(btcPid, e);
            _submit(_r(filPid, e, 2_000e6, 1e15, 0));
            _deposit(filPid, e);
        }
        _refreshPrices();
        vm.prank(trader);
        hpt.setApprovalForAll(address(pool), true);
        // steady state: a first swap already happened (the pool's tallies and payout books exist)
        vm.prank(trader);
        pool.swap(_params(btcToken, 10e6, filToken, 0));
        params = _params(btcToken, 100e6, filToken, 0);
        params.deadline = uint64(block.timestamp + 1 days);
    }

    function test_gas_crossCoinSwapOfPartOfAToken() public {
        bytes memory data = abi.encodeCall(HashPowerSwapPool.swap, (params));
        Measured memory m = _bench("cross-coin swap of part of a token", address(pool), trader, data, 0, 0);
        assertLt(m.txTotal, 1_000_000);
    }
}
