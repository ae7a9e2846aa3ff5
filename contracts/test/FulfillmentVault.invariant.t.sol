// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Roles} from "../src/common/Roles.sol";
import {FulfillmentVault} from "../src/fulfillment/FulfillmentVault.sol";
import {FulfillmentLens} from "../src/fulfillment/FulfillmentLens.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {IFulfillmentVault} from "../src/interfaces/IFulfillmentVault.sol";
import {IHoldingHistory} from "../src/interfaces/IHoldingHistory.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {FulfillmentAreaFixtures} from "./utils/FulfillmentAreaFixtures.sol";

/// @notice Drives the vault and the token with random sequences of reports, deposits, settles,
/// time jumps, transfers, carves, splits, merges and claims over two products (one with ample
/// collateral, one that runs out), keeping a ghost of what each holding was paid. It also holds
/// the hardware registry's roles (PRODUCT_FREEZER, COLLATERAL_FORFEITER) and may freeze a product
/// and forfeit its collateral at any time, as a duplicate-hardware challenge would.
contract VaultHandler is Test {
    FulfillmentVault public immutable fv;
    FulfillmentLens public immutable lens;
    HashPowerToken public immutable hpt;
    CollateralVault public immutable collateralVault;
    AttestorRegistry public immutable reg;
    TestPayoutToken public immutable wbtc;
    address public immutable issuer;
    bytes32 public immutable assetClass;

    /// Most tokens per product the handler creates (keeps the invariant passes cheap).
    uint256 public constant MAX_TOKENS = 10;
    /// Most holdings per token the handler creates by transfers.
    uint256 public constant MAX_HOLDINGS = 6;

    address[] public actors;
    address[] internal att;
    uint256[] internal attKey;
    uint256[] public products;
    mapping(uint256 productId => uint256[]) internal _tokens; // every token minted (live or burnt)
    uint256 internal _nonce = 1;

    // ghost state
    mapping(uint256 tokenId => mapping(uint256 index => uint256)) public ghostPaid;
    uint256 public ghostPaidTotal;
    uint256 public unexpectedReverts;
    uint256 public overpaidHolders; // a claim moved a holder's balance by something other than it returned
    mapping(bytes4 => uint256) public calls;
    // what a freeze took out of each product's collateral, and the compensation paid before it
    mapping(uint256 productId => uint256) public ghostBounty;
    mapping(uint256 productId => uint256) public ghostForfeited;
    mapping(uint256 productId => uint256) public ghostCompensationAtFreeze;
    address public constant BOUNTY_TO = address(0xB0B7);

    constructor(
        FulfillmentVault fv_,
        FulfillmentLens lens_,
        CollateralVault collateralVault_,
        TestPayoutToken wbtc_,
        address issuer_,
        bytes32 assetClass_,
        uint256[] memory products_,
        uint256[] memory firstTokens_,
        address[] memory actors_,
        address[] memory att_,
        uint256[] memory attKey_
    ) {
        fv = fv_;
        lens = lens_;
        collateralVault = collateralVault_;
        hpt = HashPowerToken(address(fv_.token()));
        reg = AttestorRegistry(address(fv_.attestorRegistry()));
        wbtc = wbtc_;
        issuer = issuer_;
        assetClass = assetClass_;
        products = products_;
        actors = actors_;
        att = att_;
        attKey = attKey_;
        for (uint256 i; i < products_.length; i++) {
            _tokens[products_[i]].push(firstTokens_[i]);
        }
    }

    // ---------------------------------------------------------------- views for the invariants

    function productCount() external view returns (uint256) {
        return products.length;
    }

    function tokensOf(uint256 productId) external view returns (uint256[] memory) {
        return _tokens[productId];
    }

    // ---------------------------------------------------------------- helpers

    function _product(uint256 seed) internal view returns (uint256) {
        return products[seed % products.length];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// A live token of the product chosen by `seed`, with its owner.
    function _live(uint256 seed) internal view returns (uint256 productId, uint256 id, address holder, bool found) {
        productId = _product(seed);
        uint256[] storage ids = _tokens[productId];
        uint256 n = ids.length;
        for (uint256 k; k < n; k++) {
            id = ids[(seed / 7 + k) % n];
            try hpt.ownerOf(id) returns (address o) {
                return (productId, id, o, true);
            } catch {}
        }
    }

    function _sign(IFulfillmentVault.FulfillmentReport memory r) internal view returns (AttestorSignature[] memory sigs) {
        bytes32 digest = fv.hashFulfillmentReport(r);
        sigs = new AttestorSignature[](3);
        for (uint256 i; i < 3; i++) {
            (uint8 v, bytes32 rr, bytes32 s) = vm.sign(attKey[i], digest);
            sigs[i] = AttestorSignature({signer: att[i], signature: abi.encodePacked(rr, s, v)});
        }
    }

    // ---------------------------------------------------------------- actions

    function warp(uint256 dt) external {
        calls[this.warp.selector]++;
        vm.warp(block.timestamp + bound(dt, 30 minutes, 16 hours));
    }

    /// Reports the first reportable epoch at or after one chosen by `eSeed`.
    function report(uint256 pSeed, uint256 eSeed, uint256 delivered, uint256 revenue, uint256 unitRevenue) external {
        uint256 productId = _product(pSeed);
        IFulfillmentVault.ProductView memory v = lens.productState(productId);
        uint256 count = v.epochCount;
        for (uint256 k; k < count; k++) {
            uint32 e = uint32((eSeed + k) % count);
            if (e < v.settledEpochs) continue;
            IFulfillmentVault.EpochInfo memory info = lens.epochInfo(productId, e);
            if (info.status != IFulfillmentVault.EpochStatus.Pending) continue;
            if (block.timestamp < info.end || block.timestamp > info.reportDeadline) continue;
            IFulfillmentVault.FulfillmentReport memory r;
            r.productId = productId;
            r.epoch = e;
            r.deliveredUnits = bound(delivered, 0, v.capacity);
            if (delivered % 3 == 0) r.deliveredUnits = v.capacity;
            r.revenue = bound(revenue, 0, 1e9);
            r.unitRevenue = bound(unitRevenue, 0, 1e6);
            r.sourceChain = keccak256("bip122:000000000019d6689c085ae165831e93");
            r.evidence = keccak256(abi.encode(productId, e));
            r.nonce = _nonce++;
            r.deadline = uint64(block.timestamp + 1 hours);
            r.committeeEpoch = reg.epoch();
            AttestorSignature[] memory sigs = _sign(r);
            try fv.submitReport(r, sigs) {
                calls[this.report.selector]++;
            } catch {
                unexpectedReverts++;
            }
            return;
        }
    }

    /// Deposits a reported epoch whose deposit window is open.
    function deposit(uint256 pSeed, uint256 eSeed) external {
        uint256 productId = _product(pSeed);
        IFulfillmentVault.ProductView memory v = lens.productState(productId);
        if (!v.tracked) return;
        uint256 count = v.epochCount;
        for (uint256 k; k < count; k++) {
            uint32 e = uint32((eSeed + k) % count);
            IFulfillmentVault.EpochInfo memory info = lens.epochInfo(productId, e);
            if (info.status != IFulfillmentVault.EpochStatus.Reported || block.timestamp > info.depositDeadline) {
                continue;
            }
            vm.prank(issuer);
            try fv.deposit(productId, e) {
                calls[this.deposit.selector]++;
            } catch {
                unexpectedReverts++;
            }
            return;
        }
    }

    function settle(uint256 pSeed, uint256 maxEpochs) external {
        uint256 productId = _product(pSeed);
        try fv.settle(productId, bound(maxEpochs, 1, 4)) returns (uint256 n) {
            if (n != 0) calls[this.settle.selector]++;
        } catch {
            unexpectedReverts++;
        }
    }

    function transfer(uint256 seed, uint256 toSeed) external {
        (, uint256 id, address holder, bool found) = _live(seed);
        if (!found || hpt.holdingCount(id) >= MAX_HOLDINGS) return;
        address to = _actor(toSeed);
        if (to == holder) return;
        vm.prank(holder);
        hpt.transferFrom(holder, to, id);
        calls[this.transfer.selector]++;
    }

    function carve(uint256 seed, uint256 units, uint256 toSeed) external {
        (uint256 productId, uint256 id, address holder, bool found) = _live(seed);
        if (!found || _tokens[productId].length >= MAX_TOKENS || hpt.holdingCount(id) >= MAX_HOLDINGS) return;
        if (_frozen(productId)) return;
        uint256 have = hpt.tokenData(id).units;
        if (have < 2) return;
        units = bound(units, 1, have - 1);
        vm.prank(holder);
        uint256 newId = hpt.carve(id, units, _actor(toSeed));
        _tokens[productId].push(newId);
        calls[this.carve.selector]++;
    }

    function split(uint256 seed, uint256 units) external {
        (uint256 productId, uint256 id, address holder, bool found) = _live(seed);
        if (!found || _tokens[productId].length + 2 > MAX_TOKENS || _frozen(productId)) return;
        uint256 have = hpt.tokenData(id).units;
        if (have < 2) return;
        uint256[] memory parts = new uint256[](2);
        parts[0] = bound(units, 1, have - 1);
        parts[1] = have - parts[0];
        vm.prank(holder);
        uint256[] memory ids = hpt.split(id, parts);
        _tokens[productId].push(ids[0]);
        _tokens[productId].push(ids[1]);
        calls[this.split.selector]++;
    }

    /// Merges two live tokens of the same product and owner, if there are any.
    function merge(uint256 seed) external {
        uint256 productId = _product(seed);
        uint256[] storage ids = _tokens[productId];
        if (ids.length >= MAX_TOKENS || _frozen(productId)) return;
        uint256 n = ids.length;
        for (uint256 i; i < n; i++) {
            uint256 a = ids[(seed + i) % n];
            address oa = _ownerOrZero(a);
            if (oa == address(0)) continue;
            for (uint256 j; j < n; j++) {
                uint256 b = ids[j];
                if (b == a || _ownerOrZero(b) != oa) continue;
                uint256[] memory pair = new uint256[](2);
                (pair[0], pair[1]) = (a, b);
                vm.prank(oa);
                _tokens[productId].push(hpt.merge(pair));
                calls[this.merge.selector]++;
                return;
            }
        }
    }

    function _frozen(uint256 productId) internal view returns (bool) {
        return hpt.product(productId).frozen;
    }

    /// Freezes a product and forfeits its collateral (bounty share random), once per product, in
    /// one call of eight (so that most runs also see products live to their end).
    function freezeAndForfeit(uint256 pSeed, uint256 bountyBps) external {
        if ((pSeed >> 8) % 8 != 0) return;
        uint256 productId = _product(pSeed);
        if (_frozen(productId)) return;
        ghostCompensationAtFreeze[productId] = fv.record(productId).totalCompensation;
        hpt.freeze(productId);
        (uint256 bounty, uint256 forfeited) = collateralVault.forfeit(productId, BOUNTY_TO, bound(bountyBps, 0, 10_000));
        ghostBounty[productId] = bounty;
        ghostForfeited[productId] = forfeited;
        calls[this.freezeAndForfeit.selector]++;
    }

    function _ownerOrZero(uint256 id) internal view returns (address) {
        try hpt.ownerOf(id) returns (address o) {
            return o;
        } catch {
            return address(0);
        }
    }

    /// A random holding (of a live or burnt token), if the chosen token has any.
    function _holding(uint256 seed) internal view returns (uint256 id, uint256 index, bool found) {
        uint256[] storage ids = _tokens[_product(seed)];
        id = ids[(seed / 3) % ids.length];
        uint256 count = hpt.holdingCount(id);
        if (count == 0) return (id, 0, false);
        return (id, (seed / 11) % count, true);
    }

    /// Claims one holding; the ghost learns what its holder received.
    function claimOne(uint256 seed, uint256 callerSeed) external {
        (uint256 id, uint256 index, bool found) = _holding(seed);
        if (!found) return;
        address holder = hpt.holding(id, index).holder;
        uint256 before = wbtc.balanceOf(holder);
        uint256[] memory ids = new uint256[](1);
        uint256[] memory idx = new uint256[](1);
        (ids[0], idx[0]) = (id, index);
        vm.prank(_actor(callerSeed));
        try fv.claim(ids, idx) returns (uint256 total) {
            uint256 got = wbtc.balanceOf(holder) - before;
            if (got != total) overpaidHolders++;
            ghostPaid[id][index] += got;
            ghostPaidTotal += got;
            if (got != 0) calls[this.claimOne.selector]++;
        } catch {
            unexpectedReverts++;
        }
    }

    /// Claims three random holdings (maybe the same one twice) in one call.
    function claimMany(uint256 seed) external {
        uint256[] memory ids = new uint256[](3);
        uint256[] memory idx = new uint256[](3);
        uint256[] memory paidBefore = new uint256[](3);
        for (uint256 i; i < 3; i++) {
            bool found;
            (ids[i], idx[i], found) = _holding(uint256(keccak256(abi.encode(seed, i))));
            if (!found) return;
        }
        for (uint256 i; i < 3; i++) {
            (, paidBefore[i]) = fv.claimCursor(ids[i], idx[i]);
        }
        uint256 vaultBefore = wbtc.balanceOf(address(fv));
        try fv.claim(ids, idx) returns (uint256 total) {
            if (vaultBefore - wbtc.balanceOf(address(fv)) != total) overpaidHolders++;
            uint256 sum;
            for (uint256 i; i < 3; i++) {
                if (i > 0 && ids[i] == ids[i - 1] && idx[i] == idx[i - 1]) continue;
                if (i > 1 && ids[i] == ids[0] && idx[i] == idx[0]) continue;
                (, uint256 paidAfter) = fv.claimCursor(ids[i], idx[i]);
                ghostPaid[ids[i]][idx[i]] += paidAfter - paidBefore[i];
                sum += paidAfter - paidBefore[i];
            }
            if (sum != total) overpaidHolders++;
            ghostPaidTotal += total;
            if (total != 0) calls[this.claimMany.selector]++;
        } catch {
            unexpectedReverts++;
        }
    }
}

/// @notice Invariants of the vault (SECURITY-CHECKLIST 7, 27): for every product, what was claimed
/// plus what is claimable never exceeds the settled entitlement (deposits + compensation), the
/// rounding dust stays within #holdings + #epochs, the vault holds at least everything claimable,
/// and no holding is ever paid twice for the same time (each holding's paid + claimable equals
/// its reference value over its settled time).
contract FulfillmentVaultInvariantTest is FulfillmentAreaFixtures {
    VaultHandler internal handler;

    struct Pass {
        uint256 claimed;
        uint256 claimable;
        uint256 holdings;
        uint256 paidSum;
    }

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        fv.setEpochConfig(btc, 1 days, 20 hours, 12 hours);
        vm.prank(owner);
        wbtc.mint(issuer, 1e15);
        // ample collateral
        (uint256 p1, uint256 t1) = _product(UNITS, 6 days, 1e12);
        // 997 units starting 12 hours after the mint, a partial last epoch, little collateral
        HashPowerToken.ProductAttestation memory a = _attestation(attestationNonce++);
        a.capacity = 997;
        a.start = uint64(T0 + 12 hours);
        a.end = uint64(T0 + 12 hours + 4 days + 5 hours);
        a.collateral = 2e9;
        (uint256 p2, uint256 t2) = _mint(a);

        uint256[] memory products = new uint256[](2);
        (products[0], products[1]) = (p1, p2);
        uint256[] memory firstTokens = new uint256[](2);
        (firstTokens[0], firstTokens[1]) = (t1, t2);
        address[] memory actors = new address[](4);
        (actors[0], actors[1], actors[2], actors[3]) = (issuer, alice, bob, carol);
        handler = new VaultHandler(
            fv, lens, collateralVault, wbtc, issuer, btc, products, firstTokens, actors, att, attKey
        );
        _grant(Roles.PRODUCT_FREEZER, address(handler));
        _grant(Roles.COLLATERAL_FORFEITER, address(handler));

        bytes4[] memory selectors = new bytes4[](14);
        selectors[0] = VaultHandler.warp.selector;
        selectors[1] = VaultHandler.report.selector;
        selectors[2] = VaultHandler.report.selector;
        selectors[3] = VaultHandler.deposit.selector;
        selectors[4] = VaultHandler.settle.selector;
        selectors[5] = VaultHandler.transfer.selector;
        selectors[6] = VaultHandler.carve.selector;
        selectors[7] = VaultHandler.split.selector;
        selectors[8] = VaultHandler.merge.selector;
        selectors[9] = VaultHandler.claimOne.selector;
        selectors[10] = VaultHandler.claimMany.selector;
        selectors[11] = VaultHandler.warp.selector;
        selectors[12] = VaultHandler.deposit.selector;
        selectors[13] = VaultHandler.freezeAndForfeit.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    // ---------------------------------------------------------------- reference

    /// Accumulator values at the boundaries of the settled epochs, from epochInfo.
    function _accs(uint256 pid, IFulfillmentVault.ProductView memory v) internal view returns (uint256[] memory acc) {
        acc = new uint256[](uint256(v.settledEpochs) + 1);
        for (uint32 e; e < v.settledEpochs; e++) {
            acc[e + 1] = lens.epochInfo(pid, e).accumulator;
        }
    }

    function _refA(IFulfillmentVault.ProductView memory v, uint256[] memory acc, uint256 t)
        internal
        pure
        returns (uint256)
    {
        if (t <= v.start) return 0;
        uint256 e = (t - v.start) / v.epochLength;
        if (e >= v.settledEpochs) return acc[v.settledEpochs];
        uint256 s = v.start + e * v.epochLength;
        uint256 en = Math.min(s + v.epochLength, v.end);
        return acc[e] + (acc[e + 1] - acc[e]) * (t - s) / (en - s);
    }

    /// What a holding has earned over its settled time (spec formula).
    function _refValue(IFulfillmentVault.ProductView memory v, uint256[] memory acc, IHoldingHistory.Holding memory h)
        internal
        pure
        returns (uint256)
    {
        if (!v.tracked) return 0;
        uint256 a = Math.max(h.start, v.start);
        uint256 b = Math.min(Math.min(h.end, v.end), v.settledUntil);
        if (b <= a) return 0;
        return h.units * (_refA(v, acc, b) - _refA(v, acc, a)) / PRECISION;
    }

    /// Walks every holding of a product, checking per-holding properties; returns the totals.
    function _walk(uint256 pid) internal view returns (Pass memory p, uint256 entitled, uint32 epochs) {
        IFulfillmentVault.ProductView memory v = lens.productState(pid);
        uint256[] memory acc = _accs(pid, v);
        uint256[] memory ids = handler.tokensOf(pid);
        for (uint256 i; i < ids.length; i++) {
            uint256 count = hpt.holdingCount(ids[i]);
            for (uint256 j; j < count; j++) {
                IHoldingHistory.Holding memory h = hpt.holding(ids[i], j);
                uint256 c = fv.claimable(ids[i], j);
                (, uint256 paid) = fv.claimCursor(ids[i], j);
                assertEq(paid, handler.ghostPaid(ids[i], j), "paid once: cursor == ghost");
                assertEq(paid + c, _refValue(v, acc, h), "paid + claimable == reference value");
                p.claimable += c;
                p.paidSum += paid;
                p.holdings++;
            }
        }
        for (uint32 e; e < v.settledEpochs; e++) {
            IFulfillmentVault.EpochInfo memory info = lens.epochInfo(pid, e);
            entitled += info.deposited + info.compensation;
        }
        p.claimed = fv.record(pid).totalClaimed;
        epochs = v.settledEpochs;
    }

    // ---------------------------------------------------------------- invariants

    /// Claimed + claimable <= deposited + compensation (settled), dust <= #holdings + #epochs; the
    /// vault holds at least everything claimable; no holding is paid twice for the same time.
    function invariant_claimsBoundedAndPaidOnce() public view {
        uint256 outstanding;
        for (uint256 k; k < handler.productCount(); k++) {
            uint256 pid = handler.products(k);
            (Pass memory p, uint256 entitled, uint32 epochs) = _walk(pid);
            assertEq(p.paidSum, p.claimed, "sum of cursors == totalClaimed");
            assertLe(p.claimed + p.claimable, entitled, "claims <= deposits + compensation");
            assertLe(entitled - (p.claimed + p.claimable), p.holdings + epochs, "dust bound");
            IFulfillmentVault.Record memory r = fv.record(pid);
            assertLe(entitled, r.totalDeposited + r.totalCompensation);
            outstanding += p.claimable;
        }
        assertGe(wbtc.balanceOf(address(fv)), outstanding, "vault covers everything claimable");
    }

    /// The vault's balance is exactly deposits + compensation - claims (nothing leaks or appears).
    function invariant_vaultBalanceMatchesBooks() public view {
        uint256 books;
        uint256 claimed;
        for (uint256 k; k < handler.productCount(); k++) {
            IFulfillmentVault.Record memory r = fv.record(handler.products(k));
            books += r.totalDeposited + r.totalCompensation - r.totalClaimed;
            claimed += r.totalClaimed;
        }
        assertEq(wbtc.balanceOf(address(fv)), books);
        assertEq(claimed, handler.ghostPaidTotal(), "ghost == books");
    }

    /// Records and product state agree: each settled epoch counted once, defaults mirrored in the
    /// token, collateral only ever taken for compensation: the CollateralVault's `collateralOf` plus
    /// the compensation paid (plus, once frozen, the bounty and the forfeited collateral) is the
    /// collateral locked at mint; after a freeze no compensation is paid any more, and the
    /// forfeited balance is never taken by the fulfillment vault.
    function invariant_recordsConsistent() public view {
        uint256 custody;
        for (uint256 k; k < handler.productCount(); k++) {
            uint256 pid = handler.products(k);
            IFulfillmentVault.ProductView memory v = lens.productState(pid);
            IFulfillmentVault.Record memory r = fv.record(pid);
            assertEq(r.epochsFulfilled + r.epochsShort + r.epochsMissed + r.epochsUnreported, v.settledEpochs);
            assertEq(r.defaulted, v.defaulted);
            assertEq(hpt.product(pid).defaulted, v.defaulted);
            if (v.settledEpochs != 0) assertLe(v.settledUntil, block.timestamp, "only ended epochs settle");
            assertEq(
                _collateralLeft(pid) + r.totalCompensation + handler.ghostBounty(pid) + handler.ghostForfeited(pid),
                hpt.product(pid).collateral,
                "collateral conserved"
            );
            assertEq(collateralVault.forfeitedOf(pid), handler.ghostForfeited(pid), "forfeited untouched");
            if (hpt.product(pid).frozen) {
                assertEq(_collateralLeft(pid), 0);
                assertEq(r.totalCompensation, handler.ghostCompensationAtFreeze(pid), "no compensation after a freeze");
            }
            custody += _collateralLeft(pid) + collateralVault.forfeitedOf(pid);
        }
        assertEq(hpt.product(handler.products(0)).collateral, 1e12);
        assertEq(hpt.product(handler.products(1)).collateral, 2e9);
        assertEq(wbtc.balanceOf(address(collateralVault)), custody, "the CollateralVault holds exactly its books");
    }

    /// Claims, deposits, settles and reports the handler expected to succeed never reverted, and
    /// no claim moved a holder's balance by anything but what it returned.
    function invariant_noUnexpectedFailures() public view {
        assertEq(handler.unexpectedReverts(), 0);
        assertEq(handler.overpaidHolders(), 0);
    }
}
