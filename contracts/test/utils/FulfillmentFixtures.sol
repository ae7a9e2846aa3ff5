// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {FulfillmentVault} from "../../src/fulfillment/FulfillmentVault.sol";
import {FulfillmentLens} from "../../src/fulfillment/FulfillmentLens.sol";
import {BitcoinEvidence} from "../../src/spv/BitcoinEvidence.sol";
import {HashPowerToken} from "../../src/token/HashPowerToken.sol";
import {IFulfillmentVault} from "../../src/interfaces/IFulfillmentVault.sol";
import {IFulfillmentObserver} from "../../src/interfaces/IFulfillmentObserver.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {BtcSpvFixtures} from "./BtcSpvFixtures.sol";

/// @dev Shared setup for the FulfillmentVault suites, on top of HashPowerFixtures (committee, tWBTC,
/// token, collateral vault) and BtcSpvFixtures (regtest SPV verifier): a vault with its roles
/// (collateral manager, product defaulter, SPV consumer), its lens, BTC epochs of 7 days with a 2-day report window and a
/// 3-day deposit window, and a 30-day product of 1,000 units (epochs 0-3 of 7 days, epoch 4 of 2).
/// The vault is deployed with a Bitcoin evidence binding (`evidence`), so every suite also checks that
/// products without a payout commitment behave exactly as without one.
abstract contract FulfillmentFixtures is BtcSpvFixtures {
    FulfillmentVault internal fv;
    FulfillmentLens internal lens;
    BitcoinEvidence internal evidence;

    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal relayer = makeAddr("relayer");

    uint32 internal constant EPOCH = 7 days;
    uint32 internal constant REPORT_WINDOW = 2 days;
    uint32 internal constant DEPOSIT_WINDOW = 3 days;
    uint256 internal constant TERM = 30 days;
    uint256 internal constant UNITS = 1_000;
    uint256 internal constant PRECISION = 1e18;

    bytes32 internal constant BITCOIN = keccak256("bip122:000000000019d6689c085ae165831e93");
    bytes32 internal constant FILECOIN = keccak256("fil:f");

    uint256 internal reportNonce = 1;
    uint256 internal attestationNonce = 1_000_000;

    function setUp() public virtual override {
        super.setUp();
        evidence = new BitcoinEvidence(address(manager), attestorRegistry, hpt, spv, assetClasses);
        fv = new FulfillmentVault(
            address(manager), hpt, collateralVault, attestorRegistry, spv, evidence, _fulfillmentObserver()
        );
        lens = new FulfillmentLens(fv, hpt, collateralVault);
        _register("FulfillmentVault", address(fv));
        _register("BitcoinEvidence", address(evidence));
        _wire();
        vm.prank(owner);
        evidence.setFulfillmentVault(fv);
        vm.prank(owner);
        fv.setEpochConfig(btc, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        vm.prank(issuer);
        wbtc.approve(address(fv), type(uint256).max);
    }

    /// The vault's observer (none here; the credit fixtures deploy the router).
    function _fulfillmentObserver() internal virtual returns (IFulfillmentObserver) {
        return IFulfillmentObserver(address(0));
    }

    // ---------------------------------------------------------------- products

    /// A product of `units` units over [T0, T0 + term) with `collateral`, minted now.
    function _product(uint256 units, uint256 term, uint256 collateral) internal returns (uint256 pid, uint256 tokenId) {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.capacity = units;
        a.start = uint64(T0);
        a.end = uint64(T0 + term);
        a.collateral = collateral;
        a.deadline = uint64(block.timestamp + 1 days);
        return _mint(a);
    }

    function _defaultProduct() internal returns (uint256 pid, uint256 tokenId) {
        return _product(UNITS, TERM, COLLATERAL);
    }

    /// Registers an asset class paid in `payout` (threshold 3), with the vault's default epochs if
    /// `configured`; the issuer approves the token and the vault for `payout`.
    function _newClass(string memory symbol, address payout, bool configured) internal returns (bytes32 id) {
        vm.startPrank(owner);
        id = assetClasses.registerAssetClass(symbol, "TH/s", 6, payout);
        attestorRegistry.setThreshold(id, THRESHOLD);
        if (configured) fv.setEpochConfig(id, EPOCH, REPORT_WINDOW, DEPOSIT_WINDOW);
        vm.stopPrank();
        vm.startPrank(issuer);
        IERC20(payout).approve(address(collateralVault), type(uint256).max);
        IERC20(payout).approve(address(fv), type(uint256).max);
        vm.stopPrank();
    }

    /// A product of asset class `cls` (paid in `payout`) over [T0, T0 + term).
    function _productIn(bytes32 cls, address payout, uint256 units, uint256 term, uint256 collateral)
        internal
        returns (uint256 pid, uint256 tokenId)
    {
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.assetClass = cls;
        a.collateralToken = payout;
        a.capacity = units;
        a.start = uint64(T0);
        a.end = uint64(T0 + term);
        a.collateral = collateral;
        a.deadline = uint64(block.timestamp + 1 days);
        return _mint(a);
    }

    // ---------------------------------------------------------------- epochs

    function _epochStart(uint256 e) internal pure returns (uint256) {
        return T0 + e * EPOCH;
    }

    /// End of epoch `e` of a product of `term` starting at T0.
    function _epochEnd(uint256 e, uint256 term) internal pure returns (uint256) {
        uint256 end = T0 + (e + 1) * EPOCH;
        return end < T0 + term ? end : T0 + term;
    }

    // ---------------------------------------------------------------- reports

    /// @dev `unitRevenue` in whole payout base units per unit; the report carries it scaled by
    /// PRECISION (use {_rScaled} for fractional unit revenues).
    function _r(uint256 pid, uint32 epoch, uint256 delivered, uint256 revenue, uint256 unitRevenue)
        internal
        returns (FulfillmentVault.FulfillmentReport memory r)
    {
        return _rScaled(pid, epoch, delivered, revenue, unitRevenue * 1e18);
    }

    /// @dev A report with `unitRevenue` already scaled by PRECISION.
    function _rScaled(uint256 pid, uint32 epoch, uint256 delivered, uint256 revenue, uint256 unitRevenue)
        internal
        returns (FulfillmentVault.FulfillmentReport memory r)
    {
        r.productId = pid;
        r.epoch = epoch;
        r.deliveredUnits = delivered;
        r.revenue = revenue;
        r.unitRevenue = unitRevenue;
        r.sourceChain = BITCOIN;
        r.evidence = keccak256(abi.encode("payout", pid, epoch));
        r.nonce = reportNonce++;
        r.deadline = uint64(block.timestamp + 1 days);
        r.committeeEpoch = attestorRegistry.epoch();
    }

    function _signReport(FulfillmentVault.FulfillmentReport memory r) internal view returns (AttestorSignature[] memory) {
        return _sigsOver(fv.hashFulfillmentReport(r), 0, THRESHOLD);
    }

    function _submit(FulfillmentVault.FulfillmentReport memory r) internal {
        AttestorSignature[] memory sigs = _signReport(r);
        vm.prank(relayer);
        fv.submitReport(r, sigs);
    }

    /// Signs first, so that the expected revert applies to submitReport itself.
    function _expectSubmitRevert(FulfillmentVault.FulfillmentReport memory r, bytes memory err) internal {
        AttestorSignature[] memory sigs = _signReport(r);
        vm.expectRevert(err);
        fv.submitReport(r, sigs);
    }

    function _report(uint256 pid, uint32 epoch, uint256 delivered, uint256 revenue, uint256 unitRevenue) internal {
        _submit(_r(pid, epoch, delivered, revenue, unitRevenue));
    }

    function _deposit(uint256 pid, uint32 epoch) internal {
        vm.prank(issuer);
        fv.deposit(pid, epoch);
    }

    function _settle(uint256 pid) internal returns (uint256) {
        vm.prank(relayer);
        return fv.settle(pid, type(uint256).max);
    }

    // ---------------------------------------------------------------- claims

    function _one(uint256 a) internal pure returns (uint256[] memory u) {
        u = new uint256[](1);
        u[0] = a;
    }

    function _claim(uint256 tokenId, uint256 index) internal returns (uint256) {
        vm.prank(relayer);
        return fv.claim(_one(tokenId), _one(index));
    }

    function _claimable(uint256 tokenId, uint256 index) internal view returns (uint256) {
        return fv.claimable(tokenId, index);
    }

    /// Every holding of `tokenIds` (all indexes).
    function _allHoldings(uint256[] memory tokenIds)
        internal
        view
        returns (uint256[] memory ids, uint256[] memory idx)
    {
        uint256 n;
        for (uint256 i; i < tokenIds.length; i++) {
            n += hpt.holdingCount(tokenIds[i]);
        }
        ids = new uint256[](n);
        idx = new uint256[](n);
        uint256 k;
        for (uint256 i; i < tokenIds.length; i++) {
            uint256 c = hpt.holdingCount(tokenIds[i]);
            for (uint256 j; j < c; j++) {
                ids[k] = tokenIds[i];
                idx[k] = j;
                k++;
            }
        }
    }

    /// Sum of what every settled epoch of `pid` entitled holders to.
    function _settledEntitlement(uint256 pid) internal view returns (uint256 sum) {
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        for (uint32 e; e < v.settledEpochs; e++) {
            IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, e);
            sum += info.deposited + info.compensation;
        }
    }
}
