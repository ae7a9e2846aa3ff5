// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashMixMarket} from "../../src/market/HashMixMarket.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {FulfillmentFixtures} from "./FulfillmentFixtures.sol";

/// @dev The whole protocol behind one AccessManager (admin `owner`), wired from
/// deploy/access-wiring.json: FulfillmentFixtures (asset classes, committee, collateral vault,
/// token, hardware registry, renderer, regtest SPV verifiers, Bitcoin evidence binding, fulfillment
/// vault and lens) plus the market, and a table of every `restricted` function with the role it
/// must map to.
abstract contract AccessFixtures is FulfillmentFixtures {
    HashMixMarket internal market;
    TestPayoutToken internal usd;
    address internal feeSink = makeAddr("feeSink");

    uint16 internal constant FEE_BPS = 250;

    /// One restricted function: where, what calldata, which role the wiring gives it.
    struct Restricted {
        string name;
        address target;
        bytes data;
        uint64 role;
    }

    function setUp() public virtual override {
        super.setUp();
        market = new HashMixMarket(address(manager), hpt, feeSink, FEE_BPS);
        usd = new TestPayoutToken("US Dollar (test)", "tUSD", 6, owner);
        _register("HashMixMarket", address(market));
        _wire();
    }

    /// Every `restricted` function of every AccessManaged HashMix contract (27), with plausible
    /// arguments: the access check runs before the body, so the arguments never matter to it.
    // solhint-disable-next-line function-max-lines
    function _restrictedFunctions() internal view returns (Restricted[] memory r) {
        r = new Restricted[](27);
        uint256 i;
        address[] memory one = new address[](1);
        one[0] = att[0];
        // AssetClassRegistry (admin)
        r[i++] = Restricted(
            "AssetClassRegistry.registerAssetClass",
            address(assetClasses),
            abi.encodeCall(assetClasses.registerAssetClass, ("FIL-STORAGE", "TiB", 9, address(wbtc))),
            0
        );
        r[i++] = Restricted(
            "AssetClassRegistry.setActive",
            address(assetClasses),
            abi.encodeCall(assetClasses.setActive, (btc, false)),
            0
        );
        r[i++] = Restricted(
            "AssetClassRegistry.schedulePayoutTokenChange",
            address(assetClasses),
            abi.encodeCall(assetClasses.schedulePayoutTokenChange, (btc, address(usd))),
            0
        );
        r[i++] = Restricted(
            "AssetClassRegistry.cancelPayoutTokenChange",
            address(assetClasses),
            abi.encodeCall(assetClasses.cancelPayoutTokenChange, (btc)),
            0
        );
        // AttestorRegistry (admin, then the two hooks)
        r[i++] = Restricted(
            "AttestorRegistry.addAttestor",
            address(attestorRegistry),
            abi.encodeCall(attestorRegistry.addAttestor, (address(0xBEEF))),
            0
        );
        r[i++] = Restricted(
            "AttestorRegistry.removeAttestor",
            address(attestorRegistry),
            abi.encodeCall(attestorRegistry.removeAttestor, (att[0])),
            0
        );
        r[i++] = Restricted(
            "AttestorRegistry.setThreshold",
            address(attestorRegistry),
            abi.encodeCall(attestorRegistry.setThreshold, (btc, 2)),
            0
        );
        r[i++] = Restricted(
            "AttestorRegistry.lockBonds",
            address(attestorRegistry),
            abi.encodeCall(attestorRegistry.lockBonds, (one, uint64(T0 + 1))),
            _roleId("BOND_LOCKER")
        );
        r[i++] = Restricted(
            "AttestorRegistry.slash",
            address(attestorRegistry),
            abi.encodeCall(attestorRegistry.slash, (att[0])),
            _roleId("BOND_SLASHER")
        );
        // HashPowerToken
        r[i++] = Restricted("HashPowerToken.pause", address(hpt), abi.encodeCall(hpt.pause, ()), 0);
        r[i++] = Restricted("HashPowerToken.unpause", address(hpt), abi.encodeCall(hpt.unpause, ()), 0);
        r[i++] = Restricted(
            "HashPowerToken.setMetadataRenderer",
            address(hpt),
            abi.encodeCall(hpt.setMetadataRenderer, (renderer)),
            0
        );
        r[i++] = Restricted(
            "HashPowerToken.freeze", address(hpt), abi.encodeCall(hpt.freeze, (1)), _roleId("PRODUCT_FREEZER")
        );
        r[i++] = Restricted(
            "HashPowerToken.markDefaulted",
            address(hpt),
            abi.encodeCall(hpt.markDefaulted, (1)),
            _roleId("PRODUCT_DEFAULTER")
        );
        // CollateralVault (hooks only)
        r[i++] = Restricted(
            "CollateralVault.lock",
            address(collateralVault),
            abi.encodeCall(collateralVault.lock, (999, address(wbtc), issuer, 1)),
            _roleId("COLLATERAL_LOCKER")
        );
        r[i++] = Restricted(
            "CollateralVault.take",
            address(collateralVault),
            abi.encodeCall(collateralVault.take, (1, 1)),
            _roleId("COLLATERAL_MANAGER")
        );
        r[i++] = Restricted(
            "CollateralVault.release",
            address(collateralVault),
            abi.encodeCall(collateralVault.release, (1, issuer)),
            _roleId("COLLATERAL_MANAGER")
        );
        r[i++] = Restricted(
            "CollateralVault.forfeit",
            address(collateralVault),
            abi.encodeCall(collateralVault.forfeit, (1, challenger, 1_000)),
            _roleId("COLLATERAL_FORFEITER")
        );
        r[i++] = Restricted(
            "CollateralVault.payForfeited",
            address(collateralVault),
            abi.encodeCall(collateralVault.payForfeited, (1, alice, 0)),
            _roleId("COLLATERAL_FORFEITER")
        );
        // FulfillmentVault
        r[i++] = Restricted(
            "FulfillmentVault.setEpochConfig",
            address(fv),
            abi.encodeCall(fv.setEpochConfig, (btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW)),
            0
        );
        // HashMixMarket
        r[i++] = Restricted(
            "HashMixMarket.setFee", address(market), abi.encodeCall(market.setFee, (feeSink, 100)), 0
        );
        r[i++] = Restricted(
            "HashMixMarket.scheduleCurrency",
            address(market),
            abi.encodeCall(market.scheduleCurrency, (address(usd))),
            _roleId("CURRENCY_ADMIN")
        );
        r[i++] = Restricted(
            "HashMixMarket.disallowCurrency",
            address(market),
            abi.encodeCall(market.disallowCurrency, (address(usd))),
            _roleId("CURRENCY_ADMIN")
        );
        // BtcSpvVerifier
        r[i++] = Restricted(
            "BtcSpvVerifier.consumePayment",
            address(spv),
            abi.encodeCall(spv.consumePayment, (_defaultProof())),
            _roleId("SPV_CONSUMER")
        );
        // BitcoinEvidence (admin)
        r[i++] = Restricted(
            "BitcoinEvidence.scheduleClassParams",
            address(evidence),
            abi.encodeCall(evidence.scheduleClassParams, (btc, 6, 1 days, 2 hours, 1)),
            0
        );
        r[i++] = Restricted(
            "BitcoinEvidence.cancelClassParams",
            address(evidence),
            abi.encodeCall(evidence.cancelClassParams, (btc)),
            0
        );
        r[i++] = Restricted(
            "BitcoinEvidence.setFulfillmentVault",
            address(evidence),
            abi.encodeCall(evidence.setFulfillmentVault, (fv)),
            0
        );
        assert(i == r.length);
    }

    /// Every AccessManaged HashMix contract of the fixture.
    function _managedContracts() internal view returns (address[] memory c) {
        c = new address[](9);
        c[0] = address(assetClasses);
        c[1] = address(attestorRegistry);
        c[2] = address(hpt);
        c[3] = address(collateralVault);
        c[4] = address(fv);
        c[5] = address(market);
        c[6] = address(spv);
        c[7] = address(spvMain);
        c[8] = address(evidence);
    }
}
