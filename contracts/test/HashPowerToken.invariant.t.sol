// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {CollateralVault} from "../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../src/token/HardwareRegistry.sol";
import {IHashPowerToken} from "../src/interfaces/IHashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {Roles} from "../src/common/Roles.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Drives HashPowerToken with random mints, splits, merges, transfers, duplicate-hardware
/// challenges (at the HardwareRegistry, by random actors, issuers included), redemptions of frozen
/// tokens and time jumps (hardware drawn from a small pool, so real duplicates happen), keeping a
/// ghost model of the collateral, the slashed bonds, every frozen product's slices and every
/// redemption.
contract HashPowerHandler is Test {
    HashPowerToken public immutable hpt;
    AttestorRegistry public immutable reg;
    CollateralVault public immutable vault;
    HardwareRegistry public immutable hwReg;
    TestPayoutToken public immutable wbtc;
    bytes32 public immutable assetClass;

    address[] public actors;
    address[] internal att;
    uint256[] internal attKey;
    bytes32[] internal hwPool;

    uint256 public currentTime;
    uint256 internal nonce;

    // ghost state
    uint256 public ghostLocked; // collateral pulled into the vault
    uint256 public ghostBounties; // paid to challengers
    uint256 public ghostRedeemed; // paid to holders of frozen tokens
    uint256[] public tokenIds; // every id ever minted (live or burnt)
    mapping(uint256 productId => bytes32[]) internal _hardware;
    mapping(uint256 productId => uint256[]) internal _frozenTokens; // live slices when frozen
    mapping(uint256 tokenId => uint256) public frozenUnits;
    mapping(uint256 productId => uint256) public poolAtFreeze;
    mapping(uint256 productId => uint256) public frozenAtTime;
    mapping(uint256 tokenId => address) public ownerAtFreeze; // whom redemption must pay
    mapping(uint256 productId => uint256) public paidOut;
    mapping(uint256 tokenId => uint256) public redeemCount;
    uint256[] public frozenProducts;
    uint256 public unexpectedSuccesses;
    uint256 public unexpectedReverts; // a call the model says must succeed reverted
    uint256 public wrongAmounts; // a redemption paid another amount than units * pool / capacity, or
    // paid someone else than the holder at the freeze (nothing for the issuer)
    mapping(bytes4 => uint256) public successes;
    uint256 public ghostSlashed; // whole bonds slashed (all burnt)
    uint256 internal _bondsBefore;
    uint256 internal _later;
    bool internal _valid;
    bool internal _wasFrozen;

    constructor(
        IHashPowerFixturesView fx,
        address[] memory actors_,
        address[] memory att_,
        uint256[] memory attKey_
    ) {
        (hpt, reg, vault, hwReg, wbtc, assetClass) = fx.deployment();
        actors = actors_;
        att = att_;
        attKey = attKey_;
        currentTime = block.timestamp;
        for (uint256 i; i < 6; i++) {
            hwPool.push(keccak256(abi.encode("pool-hardware", i)));
        }
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _liveToken(uint256 seed) internal view returns (uint256 id, address holder, bool found) {
        uint256 n = tokenIds.length;
        if (n == 0) return (0, address(0), false);
        for (uint256 k; k < 8; k++) {
            id = tokenIds[(seed + k) % n];
            try hpt.ownerOf(id) returns (address o) {
                return (id, o, true);
            } catch {}
        }
    }

    /// The live slices of a product, from the handler's list of every id ever minted.
    function _liveOf(uint256 productId) internal view returns (uint256[] memory ids) {
        uint256 n = tokenIds.length;
        uint256[] memory found = new uint256[](n);
        uint256 k;
        for (uint256 i; i < n; i++) {
            try hpt.tokenData(tokenIds[i]) returns (IHashPowerToken.TokenData memory t) {
                if (t.productId == productId) found[k++] = tokenIds[i];
            } catch {}
        }
        ids = new uint256[](k);
        for (uint256 i; i < k; i++) {
            ids[i] = found[i];
        }
    }

    /// Slashed attestors leave the committee: the handler (holding the manager's ADMIN role) re-adds
    /// them, then they re-bond, so minting goes on after challenges.
    function _rebond() internal {
        uint256 minBond = reg.minBond();
        for (uint256 i; i < att.length; i++) {
            if (!reg.attestorInfo(att[i]).member) reg.addAttestor(att[i]);
            if (reg.attestorInfo(att[i]).bond < minBond) {
                vm.deal(att[i], att[i].balance + minBond);
                vm.prank(att[i]);
                reg.depositBond{value: minBond}();
            }
        }
    }

    /// Whether some attestor who signed both products still has a bond (what a challenge against
    /// an already frozen product can still slash).
    function _commonSignerWithBond(uint256 pa, uint256 pb) internal view returns (bool) {
        address[] memory a = hpt.productSigners(pa);
        address[] memory b = hpt.productSigners(pb);
        for (uint256 i; i < a.length; i++) {
            for (uint256 j; j < b.length; j++) {
                if (a[i] == b[j] && reg.attestorInfo(a[i]).bond != 0) return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- actions

    function mint(uint256 actorSeed, uint256 hwSeed, uint256 termSeed, uint256 collateralSeed, uint256 signerSeed)
        external
    {
        _rebond();
        address issuer = _actor(actorSeed);
        bytes32[] memory hardware = new bytes32[](2);
        hardware[0] = hwPool[hwSeed % 6];
        hardware[1] = hwPool[(hwSeed / 6 + 1 + hwSeed % 6) % 6];
        if (hardware[1] == hardware[0]) hardware[1] = keccak256(abi.encode(hwSeed));

        HashPowerToken.ProductAttestation memory a;
        a.issuer = issuer;
        a.assetClass = assetClass;
        a.capacity = 1 + termSeed % 1_000_000;
        a.start = uint64(currentTime - (termSeed >> 20) % 30 days);
        a.end = uint64(currentTime + 1 + (termSeed >> 40) % 120 days);
        a.hardwareRoot = MerkleHelper.root(hardware);
        a.hardwareCount = 2;
        a.collateralToken = address(wbtc);
        a.collateral = collateralSeed % 50e8;
        a.nonce = ++nonce;
        a.deadline = uint64(currentTime + 1 hours);
        a.committeeEpoch = reg.epoch();

        bytes32 digest = hpt.hashProductAttestation(a);
        uint256 from = signerSeed % 3; // signers from..from+2
        AttestorSignature[] memory sigs = new AttestorSignature[](3);
        for (uint256 i; i < 3; i++) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(attKey[from + i], digest);
            sigs[i] = AttestorSignature(att[from + i], abi.encodePacked(r, s, v));
        }
        vm.prank(issuer);
        try hpt.mintProduct(a, sigs) returns (uint256 productId, uint256 tokenId) {
            successes[this.mint.selector]++;
            ghostLocked += a.collateral;
            tokenIds.push(tokenId);
            _hardware[productId] = hardware;
        } catch {
            unexpectedReverts++;
        }
    }

    function split(uint256 tokenSeed, uint256 partsSeed, uint256 unitSeed) external {
        (uint256 id, address holder, bool found) = _liveToken(tokenSeed);
        if (!found) return;
        IHashPowerToken.TokenData memory t = hpt.tokenData(id);
        if (t.units < 2) return;
        uint256 n = 2 + partsSeed % 7;
        if (n > t.units) n = t.units;
        uint256[] memory units = new uint256[](n);
        uint256 remaining = t.units;
        for (uint256 i; i < n - 1; i++) {
            uint256 maxHere = remaining - (n - 1 - i);
            unitSeed = uint256(keccak256(abi.encode(unitSeed, i)));
            units[i] = 1 + unitSeed % maxHere;
            remaining -= units[i];
        }
        units[n - 1] = remaining;
        vm.prank(holder);
        try hpt.split(id, units) returns (uint256[] memory ids) {
            successes[this.split.selector]++;
            if (t.frozen) unexpectedSuccesses++;
            for (uint256 i; i < ids.length; i++) {
                tokenIds.push(ids[i]);
            }
        } catch {
            if (!t.frozen) unexpectedReverts++;
        }
    }

    function merge(uint256 tokenSeed, uint256 countSeed) external {
        (uint256 id, address holder, bool found) = _liveToken(tokenSeed);
        if (!found) return;
        IHashPowerToken.TokenData memory t = hpt.tokenData(id);
        uint256[] memory live = _liveOf(t.productId);
        uint256 want = 2 + countSeed % 4;
        uint256[] memory set = new uint256[](want);
        uint256 k;
        for (uint256 i; i < live.length && k < want; i++) {
            if (hpt.ownerOf(live[i]) == holder) set[k++] = live[i];
        }
        if (k < 2) return;
        uint256[] memory picked = new uint256[](k);
        for (uint256 i; i < k; i++) {
            picked[i] = set[i];
        }
        vm.prank(holder);
        try hpt.merge(picked) returns (uint256 newId) {
            successes[this.merge.selector]++;
            if (t.frozen) unexpectedSuccesses++;
            tokenIds.push(newId);
        } catch {
            if (!t.frozen) unexpectedReverts++;
        }
    }

    /// Every live token transfers, frozen ones included (issue #10: a frozen token is a claim on
    /// the forfeited collateral and must be able to move).
    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        (uint256 id, address holder, bool found) = _liveToken(tokenSeed);
        if (!found) return;
        address to = _actor(toSeed);
        vm.prank(holder);
        try hpt.transferFrom(holder, to, id) {
            successes[this.transfer.selector]++;
            // holdings are kept to the second: a move in the second of the freeze counts as before it
            uint256 p = hpt.tokenData(id).productId;
            // solhint-disable-next-line reentrancy
            if (frozenUnits[id] != 0 && frozenAtTime[p] == currentTime) ownerAtFreeze[id] = to;
        } catch {
            unexpectedReverts++;
        }
    }

    function challenge(uint256 hwSeed, uint256 aSeed, uint256 bSeed, uint256 challengerSeed) external {
        uint256 count = hpt.productCount();
        if (count < 2) return;
        uint256 pa = 1 + aSeed % count;
        uint256 ia = hwSeed % 2;
        bytes32 hardwareId = _hardware[pa][ia];
        // another product with the same machine, searched from a random start
        uint256 pb;
        uint256 ib;
        for (uint256 k; k < count; k++) {
            uint256 candidate = 1 + (bSeed + k) % count;
            if (candidate == pa) continue;
            bool inB;
            (inB, ib) = _indexOf(_hardware[candidate], hardwareId);
            if (inB) {
                pb = candidate;
                break;
            }
        }
        if (pb == 0) return;
        // kept in storage: the try below is at the stack limit
        _later = pa > pb ? pa : pb;
        _valid = _challengeValid(pa, pb, _later);
        _wasFrozen = hpt.product(_later).frozen;
        _bondsBefore = _sumBonds();
        _tryChallenge(hardwareId, pa, MerkleHelper.proof(_hardware[pa], ia), pb, MerkleHelper.proof(_hardware[pb], ib), challengerSeed);
    }

    function _tryChallenge(
        bytes32 hardwareId,
        uint256 pa,
        bytes32[] memory proofA,
        uint256 pb,
        bytes32[] memory proofB,
        uint256 challengerSeed
    ) internal {
        vm.prank(_actor(challengerSeed)); // issuers challenge their own duplicates too
        try hwReg.challengeDuplicateHardware(hardwareId, pa, proofA, pb, proofB) returns (
            uint256 frozenId, uint256 bounty, uint256 slashed
        ) {
            successes[this.challenge.selector]++;
            if (!_valid || frozenId != _later) unexpectedSuccesses++;
            if (_wasFrozen && bounty != 0) unexpectedSuccesses++; // a frozen product pays no second bounty
            if (_bondsBefore - _sumBonds() != slashed) unexpectedSuccesses++;
            ghostBounties += bounty;
            ghostSlashed += slashed;
            if (!_wasFrozen) _snapshotFrozen(frozenId);
        } catch {
            if (_valid) unexpectedReverts++;
        }
    }

    function _challengeValid(uint256 pa, uint256 pb, uint256 later) internal view returns (bool) {
        IHashPowerToken.Product memory a = hpt.product(pa);
        IHashPowerToken.Product memory b = hpt.product(pb);
        if (!(a.start < b.end && b.start < a.end)) return false;
        if (hpt.product(later).end <= currentTime) return false;
        if (!hpt.product(later).frozen) return true;
        return _commonSignerWithBond(pa, pb);
    }

    function _snapshotFrozen(uint256 productId) internal {
        frozenProducts.push(productId);
        (uint256 pool,,,) = hwReg.frozenPool(productId);
        poolAtFreeze[productId] = pool;
        uint256[] memory live = _liveOf(productId);
        for (uint256 i; i < live.length; i++) {
            _frozenTokens[productId].push(live[i]);
            frozenUnits[live[i]] = hpt.tokenData(live[i]).units;
            ownerAtFreeze[live[i]] = hpt.ownerOf(live[i]);
        }
        frozenAtTime[productId] = currentTime;
    }

    /// The holding of `id` that covers its product's freeze, and its holder (who redemption pays).
    function _holdingAtFreeze(uint256 id, uint256 p) internal view returns (uint256[] memory index, address holder) {
        index = new uint256[](1);
        (,, uint64 frozenAt,) = hwReg.frozenPool(p);
        uint256 n = hpt.holdingCount(id);
        for (uint256 j; j < n; j++) {
            IHashPowerToken.Holding memory h = hpt.holding(id, j);
            if (h.start <= frozenAt && frozenAt < h.end) {
                index[0] = j;
                holder = h.holder;
                break;
            }
        }
    }

    /// Redeems a frozen product's token (a second time must revert), or tries a live product's
    /// token (must revert NotFrozen).
    function redeem(uint256 productSeed, uint256 tokenSeed, bool tryLive) external {
        uint256[] memory one = new uint256[](1);
        if (tryLive || frozenProducts.length == 0) {
            (uint256 liveId,, bool found) = _liveToken(tokenSeed);
            if (!found || hpt.tokenData(liveId).frozen) return;
            one[0] = liveId;
            try hwReg.redeemFrozen(one, new uint256[](1)) {
                unexpectedSuccesses++;
            } catch {}
            return;
        }
        uint256 p = frozenProducts[productSeed % frozenProducts.length];
        uint256[] storage ids = _frozenTokens[p];
        uint256 id = ids[tokenSeed % ids.length];
        one[0] = id;
        (uint256[] memory index, address holder) = _holdingAtFreeze(id, p);
        uint256 before = wbtc.balanceOf(holder);
        try hwReg.redeemFrozen(one, index) returns (uint256 paid) {
            successes[this.redeem.selector]++;
            if (redeemCount[id] != 0) unexpectedSuccesses++;
            IHashPowerToken.Product memory product = hpt.product(p);
            address paidTo = ownerAtFreeze[id];
            uint256 expected = paidTo == product.issuer ? 0 : frozenUnits[id] * poolAtFreeze[p] / product.capacity;
            if (paid != expected || holder != paidTo) wrongAmounts++;
            if (wbtc.balanceOf(holder) - before != paid) wrongAmounts++;
            redeemCount[id]++;
            paidOut[p] += paid;
            ghostRedeemed += paid;
        } catch {
            if (redeemCount[id] == 0) unexpectedReverts++;
        }
    }

    function _sumBonds() internal view returns (uint256 sum) {
        for (uint256 i; i < att.length; i++) {
            sum += reg.attestorInfo(att[i]).bond;
        }
    }

    function sumBonds() external view returns (uint256) {
        return _sumBonds();
    }

    function warp(uint256 seed) external {
        currentTime += seed % 20 days;
        vm.warp(currentTime);
    }

    function _indexOf(bytes32[] storage list, bytes32 x) internal view returns (bool, uint256) {
        for (uint256 i; i < list.length; i++) {
            if (list[i] == x) return (true, i);
        }
        return (false, 0);
    }

    // ---------------------------------------------------------------- views

    function frozenCount() external view returns (uint256) {
        return frozenProducts.length;
    }

    function frozenTokens(uint256 productId) external view returns (uint256[] memory) {
        return _frozenTokens[productId];
    }

    function tokenCount() external view returns (uint256) {
        return tokenIds.length;
    }
}

/// @dev What the handler needs of the fixture's deployment.
interface IHashPowerFixturesView {
    function deployment()
        external
        view
        returns (HashPowerToken, AttestorRegistry, CollateralVault, HardwareRegistry, TestPayoutToken, bytes32);
}

/// @notice Invariants of HashPowerToken with its collateral vault and hardware registry (256 runs
/// x depth 100 in `npm test`): capacity conservation (SECURITY-CHECKLIST item 14), collateral
/// accounting (item 7 spirit: nothing pays out more than was locked), bonds burnt in full, frozen
/// slices never change, each frozen token redeemed at most once for its exact share.
contract HashPowerTokenInvariantTest is HashPowerFixtures {
    HashPowerHandler internal handler;

    function deployment()
        external
        view
        returns (HashPowerToken, AttestorRegistry, CollateralVault, HardwareRegistry, TestPayoutToken, bytes32)
    {
        return (hpt, attestorRegistry, collateralVault, hardwareRegistry, wbtc, btc);
    }

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](3);
        for (uint256 i; i < 3; i++) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            _fund(actors[i], 1_000_000e8); // approves the collateral vault
        }
        handler = new HashPowerHandler(IHashPowerFixturesView(address(this)), actors, att, attKey);
        vm.prank(owner); // the handler re-adds slashed attestors (ADMIN role of the manager)
        manager.grantRole(Roles.ADMIN, address(handler), 0);

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = HashPowerHandler.mint.selector;
        selectors[1] = HashPowerHandler.mint.selector; // minting twice as likely
        selectors[2] = HashPowerHandler.split.selector;
        selectors[3] = HashPowerHandler.merge.selector;
        selectors[4] = HashPowerHandler.transfer.selector;
        selectors[5] = HashPowerHandler.challenge.selector;
        selectors[6] = HashPowerHandler.challenge.selector; // challenges twice as likely
        selectors[7] = HashPowerHandler.warp.selector;
        selectors[8] = HashPowerHandler.redeem.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// Item 14: the live slices of every product (found by scanning every id ever minted) sum to
    /// its capacity; a frozen product's slices are exactly those it had when frozen, with the same
    /// units (their owners may change: frozen tokens transfer).
    function invariant_liveSlicesSumToCapacityAndFrozenSlicesNeverChange() public view {
        uint256 count = hpt.productCount();
        uint256[] memory sums = new uint256[](count + 1);
        uint256[] memory liveCount = new uint256[](count + 1);
        uint256 next = hpt.nextTokenId();
        for (uint256 id = 1; id < next; id++) {
            (bool ok, bytes memory ret) = address(hpt).staticcall(abi.encodeCall(hpt.tokenData, (id)));
            if (!ok) continue;
            IHashPowerToken.TokenData memory t = abi.decode(ret, (IHashPowerToken.TokenData));
            assertTrue(t.productId >= 1 && t.productId <= count, "slice of no product");
            sums[t.productId] += t.units;
            liveCount[t.productId]++;
            if (t.frozen) assertEq(t.units, handler.frozenUnits(id), "frozen slice changed units");
        }
        for (uint256 p = 1; p <= count; p++) {
            assertEq(sums[p], hpt.product(p).capacity, "live units != capacity");
        }
        uint256 n = handler.frozenCount();
        for (uint256 i; i < n; i++) {
            uint256 p = handler.frozenProducts(i);
            assertTrue(hpt.product(p).frozen);
            uint256[] memory snap = handler.frozenTokens(p);
            assertEq(liveCount[p], snap.length, "frozen product's slices changed");
            for (uint256 j; j < snap.length; j++) {
                assertEq(hpt.tokenData(snap[j]).productId, p, "frozen slice burnt");
            }
        }
    }

    /// The vault's balance equals the sum of every position (amount left + forfeited left), which
    /// equals what was locked minus bounties and redemptions; nothing of it is held by the token.
    function invariant_collateralAccounting() public view {
        uint256 count = hpt.productCount();
        uint256 sum;
        for (uint256 p = 1; p <= count; p++) {
            (, uint256 amount) = collateralVault.collateralOf(p);
            sum += amount + collateralVault.forfeitedOf(p);
            if (!hpt.product(p).frozen) {
                assertEq(amount, hpt.product(p).collateral, "live product's collateral touched");
                assertEq(collateralVault.forfeitedOf(p), 0);
            } else {
                assertEq(amount, 0, "a frozen product's collateral can still return to the issuer");
            }
        }
        assertEq(wbtc.balanceOf(address(collateralVault)), sum, "balance != sum of positions");
        assertEq(
            sum, handler.ghostLocked() - handler.ghostBounties() - handler.ghostRedeemed(), "positions != model"
        );
        assertEq(wbtc.balanceOf(address(hpt)), 0);
        assertEq(wbtc.balanceOf(address(hardwareRegistry)), 0);
    }

    /// Registry accounting (issue #10): its balance is exactly the bonds plus the burnt coin, and
    /// every slashed bond was burnt in full (no challenger share).
    function invariant_registryAccounting() public view {
        assertEq(
            address(attestorRegistry).balance,
            handler.sumBonds() + attestorRegistry.totalBurned(),
            "registry balance != bonds + burned"
        );
        assertEq(attestorRegistry.totalBurned(), handler.ghostSlashed(), "burned != slashed");
    }

    /// Redemptions: per frozen product, what was paid never exceeds what was forfeited, the vault
    /// keeps exactly the rest, and each token is redeemed at most once.
    function invariant_redemptionsBounded() public view {
        uint256 n = handler.frozenCount();
        for (uint256 i; i < n; i++) {
            uint256 p = handler.frozenProducts(i);
            uint256 pool = handler.poolAtFreeze(p);
            uint256 paid = handler.paidOut(p);
            assertLe(paid, pool, "paid more than forfeited");
            assertEq(collateralVault.forfeitedOf(p), pool - paid, "forfeited left != pool - paid");
            uint256[] memory snap = handler.frozenTokens(p);
            for (uint256 j; j < snap.length; j++) {
                uint256 c = handler.redeemCount(snap[j]);
                assertLe(c, 1, "redeemed twice");
                assertEq(hardwareRegistry.isRedeemed(snap[j]), c == 1);
            }
        }
    }

    /// Nothing the model forbids ever succeeded (frozen splits/merges, invalid challenges, second
    /// redemptions, live-token redemptions), nothing it allows ever reverted (the handler runs with
    /// failOnRevert off, so it counts), and every redemption paid its exact share.
    function invariant_modelAgrees() public view {
        assertEq(handler.unexpectedSuccesses(), 0, "a call that must revert succeeded");
        assertEq(handler.unexpectedReverts(), 0, "a call that must succeed reverted");
        assertEq(handler.wrongAmounts(), 0, "a redemption paid a wrong amount");
    }
}
