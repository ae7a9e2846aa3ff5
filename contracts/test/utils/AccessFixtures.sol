// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashMixMarket} from "../../src/market/HashMixMarket.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {HashPriceOracle} from "../../src/oracle/HashPriceOracle.sol";
import {CreditRegistry} from "../../src/credit/CreditRegistry.sol";
import {IFulfillmentObserver} from "../../src/interfaces/IFulfillmentObserver.sol";
import {ICollateralPolicy} from "../../src/interfaces/ICollateralPolicy.sol";
import {ILoanHistory} from "../../src/interfaces/ILoanHistory.sol";
import {IncentivesFixtures} from "./IncentivesFixtures.sol";

/// @dev The whole protocol behind one AccessManager (admin `owner`), wired from
/// deploy/access-wiring.json: FulfillmentFixtures (asset classes, committee, collateral vault,
/// token, hardware registry, renderer, regtest SPV verifiers, Bitcoin evidence binding, fulfillment
/// vault and lens), the credit and incentive contracts (IncentivesFixtures) plus the market, and a
/// table of every `restricted` function with the role it must map to.
abstract contract AccessFixtures is IncentivesFixtures {
    HashPriceOracle internal oracle;
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

    /// The credit registry and policy are deployed, but the collateral vault has no policy here: the
    /// hook tests below lock collateral for products that do not exist.
    function _collateralPolicy() internal virtual override returns (ICollateralPolicy) {
        super._collateralPolicy();
        return ICollateralPolicy(address(0));
    }

    function setUp() public virtual override {
        super.setUp();
        market = new HashMixMarket(address(manager), hpt, feeSink, FEE_BPS);
        usd = new TestPayoutToken("US Dollar (test)", "tUSD", 6, owner);
        _register("HashMixMarket", address(market));
        oracle = new HashPriceOracle(address(manager), attestorRegistry);
        _register("HashPriceOracle", address(oracle));
        _wire();
    }

    /// Every `restricted` function of every AccessManaged HashMix contract (51), with plausible
    /// arguments: the access check runs before the body, so the arguments never matter to it. Not
    /// here: the swap pool's `scheduleClass` (admin), tested in HashPowerSwapPool.t.sol.
    // solhint-disable-next-line function-max-lines
    function _restrictedFunctions() internal view returns (Restricted[] memory r) {
        r = new Restricted[](51);
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
        // HashPriceOracle
        r[i++] = Restricted(
            "HashPriceOracle.scheduleBounds",
            address(oracle),
            abi.encodeCall(oracle.scheduleBounds, (btc, 1 days, 1_000)),
            0
        );
        r[i++] = Restricted(
            "HashPriceOracle.setPaused",
            address(oracle),
            abi.encodeCall(oracle.setPaused, (btc, true)),
            _roleId("PRICE_GUARDIAN")
        );
        i = _creditAndIncentives(r, i);
        assert(i == r.length);
    }

    /// The credit and incentive contracts' restricted functions (22).
    // solhint-disable-next-line function-max-lines
    function _creditAndIncentives(Restricted[] memory r, uint256 i) internal view returns (uint256) {
        IFulfillmentObserver.SettledPass memory pass;
        address[] memory none = new address[](0);
        uint64 notifier = _roleId("FULFILLMENT_NOTIFIER");
        uint64 reward = _roleId("REWARD_NOTIFIER");
        r[i++] = Restricted(
            "CreditRegistry.recordFulfillment",
            address(credit),
            abi.encodeCall(credit.recordFulfillment, (pass)),
            _roleId("CREDIT_RECORDER")
        );
        r[i++] = Restricted(
            "CreditRegistry.recordSlash",
            address(credit),
            abi.encodeCall(credit.recordSlash, (att[0], 1)),
            _roleId("FRAUD_REPORTER")
        );
        r[i++] = Restricted(
            "CreditRegistry.recordFrozen",
            address(credit),
            abi.encodeCall(credit.recordFrozen, (issuer, 1)),
            _roleId("FRAUD_REPORTER")
        );
        CreditRegistry.Params memory p = credit.defaultParams();
        r[i++] = Restricted(
            "CreditRegistry.scheduleParams", address(credit), abi.encodeCall(credit.scheduleParams, (p)), 0
        );
        r[i++] = Restricted(
            "CreditRegistry.scheduleLoanSource",
            address(credit),
            abi.encodeCall(credit.scheduleLoanSource, (ILoanHistory(address(0)), none)),
            0
        );
        r[i++] = Restricted(
            "CollateralPolicy.scheduleBaseRate", address(policy), abi.encodeCall(policy.scheduleBaseRate, (btc, 1)), 0
        );
        r[i++] = Restricted(
            "CollateralVault.schedulePolicy",
            address(collateralVault),
            abi.encodeCall(collateralVault.schedulePolicy, (ICollateralPolicy(address(0)))),
            0
        );
        r[i++] = Restricted("ObserverRouter.onSettled", address(router), abi.encodeCall(router.onSettled, (pass)), notifier);
        r[i++] = Restricted(
            "ObserverRouter.onReported", address(router), abi.encodeCall(router.onReported, (1, 0, btc, none)), notifier
        );
        r[i++] = Restricted(
            "ObserverRouter.addProgram", address(router), abi.encodeCall(router.addProgram, (issuerRewards)), 0
        );
        r[i++] = Restricted(
            "ObserverRouter.removeProgram", address(router), abi.encodeCall(router.removeProgram, (issuerRewards)), 0
        );
        r[i++] = Restricted(
            "EmissionController.addProgram", address(controller), abi.encodeCall(controller.addProgram, (alice)), 0
        );
        r[i++] = Restricted(
            "EmissionController.setInitialWeight",
            address(controller),
            abi.encodeCall(controller.setInitialWeight, (address(lpProgram), 1)),
            0
        );
        r[i++] = Restricted(
            "EmissionController.scheduleWeight",
            address(controller),
            abi.encodeCall(controller.scheduleWeight, (address(lpProgram), 1)),
            0
        );
        r[i++] = Restricted(
            "EmissionController.suspend", address(controller), abi.encodeCall(controller.suspend, (address(lpProgram))), 0
        );
        r[i++] = Restricted(
            "IssuerRewards.onSettled", address(issuerRewards), abi.encodeCall(issuerRewards.onSettled, (pass)), reward
        );
        r[i++] = Restricted(
            "IssuerRewards.onReported",
            address(issuerRewards),
            abi.encodeCall(issuerRewards.onReported, (1, 0, btc, none)),
            reward
        );
        r[i++] = Restricted(
            "AttestorRewards.onSettled", address(attestorRewards), abi.encodeCall(attestorRewards.onSettled, (pass)), reward
        );
        r[i++] = Restricted(
            "AttestorRewards.onReported",
            address(attestorRewards),
            abi.encodeCall(attestorRewards.onReported, (1, 0, btc, none)),
            reward
        );
        r[i++] = Restricted(
            "HolderRewards.onSettled", address(holderRewards), abi.encodeCall(holderRewards.onSettled, (pass)), reward
        );
        r[i++] = Restricted(
            "HolderRewards.onReported",
            address(holderRewards),
            abi.encodeCall(holderRewards.onReported, (1, 0, btc, none)),
            reward
        );
        r[i++] = Restricted(
            "HookStakeProgram.setStake",
            address(lenderProgram),
            abi.encodeCall(lenderProgram.setStake, (alice, 1)),
            _roleId("STAKE_REPORTER")
        );
        return i;
    }

    /// Every AccessManaged HashMix contract of the fixture.
    function _managedContracts() internal view returns (address[] memory c) {
        c = new address[](17);
        c[0] = address(assetClasses);
        c[1] = address(attestorRegistry);
        c[2] = address(hpt);
        c[3] = address(collateralVault);
        c[4] = address(fv);
        c[5] = address(market);
        c[6] = address(spv);
        c[7] = address(spvMain);
        c[8] = address(credit);
        c[9] = address(policy);
        c[10] = address(router);
        c[11] = address(controller);
        c[12] = address(issuerRewards);
        c[13] = address(attestorRewards);
        c[14] = address(holderRewards);
        c[15] = address(lenderProgram);
        c[16] = address(evidence);
    }
}
