// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AssetClassRegistry} from "../src/registry/AssetClassRegistry.sol";
import {AttestorRegistry} from "../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {TestPayoutToken} from "../src/dev/TestPayoutToken.sol";
import {MerkleHelper} from "./utils/MerkleHelper.sol";

/// @notice Drives HashPowerToken with random mints, splits, merges, transfers, duplicate-hardware
/// challenges and time jumps (hardware drawn from a small pool, so real duplicates happen), keeping
/// a ghost model of the collateral and of every frozen product's slices.
contract HashPowerHandler is Test {
    HashPowerToken public immutable hpt;
    AttestorRegistry public immutable reg;
    TestPayoutToken public immutable wbtc;
    bytes32 public immutable assetClass;

    address[] public actors;
    address[] internal att;
    uint256[] internal attKey;
    bytes32[] internal hwPool;

    uint256 public currentTime;
    uint256 internal nonce;

    // ghost state
    uint256 public ghostCollateral;
    uint256[] public tokenIds; // every id ever minted (live or burnt)
    mapping(uint256 productId => bytes32[]) internal _hardware;
    mapping(uint256 productId => uint256[]) internal _frozenTokens;
    mapping(uint256 tokenId => address) public frozenOwner;
    uint256[] public frozenProducts;
    uint256 public unexpectedSuccesses;
    uint256 public unexpectedReverts; // a call the model says must succeed reverted
    mapping(bytes4 => uint256) public successes;
    uint256 public ghostSlashed; // whole bonds slashed
    uint256 public ghostProceedsWithdrawn; // slash proceeds pulled by the challenger
    uint256 internal _bondsBefore;

    constructor(
        HashPowerToken hpt_,
        AttestorRegistry reg_,
        TestPayoutToken wbtc_,
        bytes32 assetClass_,
        address[] memory actors_,
        address[] memory att_,
        uint256[] memory attKey_
    ) {
        hpt = hpt_;
        reg = reg_;
        wbtc = wbtc_;
        assetClass = assetClass_;
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

    /// Slashed attestors leave the committee: the handler (registry owner) re-adds them, then
    /// they re-bond, so minting goes on after challenges.
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
        (uint256 productId, uint256 tokenId) = hpt.mintProduct(a, sigs);
        successes[this.mint.selector]++;
        ghostCollateral += a.collateral;
        tokenIds.push(tokenId);
        _hardware[productId] = hardware;
    }

    function split(uint256 tokenSeed, uint256 partsSeed, uint256 unitSeed) external {
        (uint256 id, address holder, bool found) = _liveToken(tokenSeed);
        if (!found) return;
        HashPowerToken.TokenData memory t = hpt.tokenData(id);
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
        HashPowerToken.TokenData memory t = hpt.tokenData(id);
        uint256[] memory live = hpt.productTokens(t.productId);
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
        set = picked;
        vm.prank(holder);
        try hpt.merge(set) returns (uint256 newId) {
            successes[this.merge.selector]++;
            if (t.frozen) unexpectedSuccesses++;
            tokenIds.push(newId);
        } catch {
            if (!t.frozen) unexpectedReverts++;
        }
    }

    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        (uint256 id, address holder, bool found) = _liveToken(tokenSeed);
        if (!found) return;
        bool frozen = hpt.tokenData(id).frozen;
        address to = _actor(toSeed);
        vm.prank(holder);
        try hpt.transferFrom(holder, to, id) {
            successes[this.transfer.selector]++;
            if (frozen) unexpectedSuccesses++;
        } catch {
            if (!frozen) unexpectedReverts++;
        }
    }

    function challenge(uint256 hwSeed, uint256 aSeed, uint256 bSeed) external {
        uint256 count = hpt.productCount();
        if (count < 2) return;
        uint256 pa = 1 + aSeed % count;
        uint256 pb = 1 + bSeed % count;
        if (pa == pb) return;
        bytes32 hardwareId = hwPool[hwSeed % 6];
        (bool inA, uint256 ia) = _indexOf(_hardware[pa], hardwareId);
        (bool inB, uint256 ib) = _indexOf(_hardware[pb], hardwareId);
        if (!inA || !inB) return;
        bytes32[] memory proofA = MerkleHelper.proof(_hardware[pa], ia);
        bytes32[] memory proofB = MerkleHelper.proof(_hardware[pb], ib);
        HashPowerToken.Product memory a = hpt.product(pa);
        HashPowerToken.Product memory b = hpt.product(pb);
        bool valid = !a.frozen && !b.frozen && a.end > currentTime && b.end > currentTime && a.start < b.end
            && b.start < a.end;
        _bondsBefore = _sumBonds(); // storage, not a local: the try below is at the stack limit
        vm.prank(actors[0]);
        try hpt.challengeDuplicateHardware(hardwareId, pa, proofA, pb, proofB) returns (uint256 frozenId, uint256 bounty) {
            successes[this.challenge.selector]++;
            if (!valid) unexpectedSuccesses++;
            ghostCollateral -= bounty;
            ghostSlashed += _bondsBefore - _sumBonds();
            frozenProducts.push(frozenId);
            uint256[] memory live = hpt.productTokens(frozenId);
            for (uint256 i; i < live.length; i++) {
                _frozenTokens[frozenId].push(live[i]);
                frozenOwner[live[i]] = hpt.ownerOf(live[i]);
            }
        } catch {
            if (valid) unexpectedReverts++;
        }
    }

    function withdrawProceeds() external {
        uint256 amount = reg.slashProceeds(actors[0]);
        if (amount == 0) return;
        vm.prank(actors[0]);
        reg.withdrawSlashProceeds();
        successes[this.withdrawProceeds.selector]++;
        ghostProceedsWithdrawn += amount;
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
}

/// @notice Invariants of HashPowerToken (256 runs x depth 100 in `npm test`): capacity
/// conservation (SECURITY-CHECKLIST item 14), collateral accounting, frozen tokens never move.
contract HashPowerTokenInvariantTest is Test {
    HashPowerToken internal hpt;
    AttestorRegistry internal reg;
    TestPayoutToken internal wbtc;
    HashPowerHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        AssetClassRegistry assets = new AssetClassRegistry(address(this));
        wbtc = new TestPayoutToken("W", "W", 8, address(this));
        bytes32 btc = assets.registerAssetClass("BTC-SHA256", "TH/s", 6, address(wbtc));
        reg = new AttestorRegistry(address(this), 1 ether, 7 days);
        hpt = new HashPowerToken(address(this), assets, reg);

        address[] memory att = new address[](5);
        uint256[] memory keys = new uint256[](5);
        for (uint256 i; i < 5; i++) {
            (att[i], keys[i]) = makeAddrAndKey(string.concat("inv-attestor", vm.toString(i)));
        }
        for (uint256 i = 1; i < 5; i++) {
            for (uint256 j = i; j > 0 && att[j] < att[j - 1]; j--) {
                (att[j], att[j - 1]) = (att[j - 1], att[j]);
                (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
            }
        }
        for (uint256 i; i < 5; i++) {
            reg.addAttestor(att[i]);
        }
        reg.setThreshold(btc, 3);
        reg.setConsumer(address(hpt), true);

        address[] memory actors = new address[](3);
        for (uint256 i; i < 3; i++) {
            actors[i] = makeAddr(string.concat("actor", vm.toString(i)));
            wbtc.mint(actors[i], 1_000_000e8);
            vm.prank(actors[i]);
            wbtc.approve(address(hpt), type(uint256).max);
        }
        handler = new HashPowerHandler(hpt, reg, wbtc, btc, actors, att, keys);
        reg.transferOwnership(address(handler)); // the handler re-adds slashed attestors
        vm.prank(address(handler));
        reg.acceptOwnership();

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = HashPowerHandler.mint.selector;
        selectors[1] = HashPowerHandler.mint.selector; // minting twice as likely
        selectors[2] = HashPowerHandler.split.selector;
        selectors[3] = HashPowerHandler.merge.selector;
        selectors[4] = HashPowerHandler.transfer.selector;
        selectors[5] = HashPowerHandler.challenge.selector;
        selectors[6] = HashPowerHandler.warp.selector;
        selectors[7] = HashPowerHandler.withdrawProceeds.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// Item 14: the live slices of every product sum to its capacity, and each belongs to it.
    function invariant_liveSlicesSumToCapacity() public view {
        uint256 count = hpt.productCount();
        for (uint256 p = 1; p <= count; p++) {
            uint256[] memory live = hpt.productTokens(p);
            uint256 sum;
            for (uint256 i; i < live.length; i++) {
                HashPowerToken.TokenData memory t = hpt.tokenData(live[i]);
                assertEq(t.productId, p, "slice listed under another product");
                sum += t.units;
            }
            assertEq(sum, hpt.product(p).capacity, "live units != capacity");
        }
    }

    /// The contract's collateral token balance equals the sum of the products' collateral.
    function invariant_collateralAccounting() public view {
        uint256 count = hpt.productCount();
        uint256 sum;
        for (uint256 p = 1; p <= count; p++) {
            sum += hpt.product(p).collateral;
        }
        assertEq(wbtc.balanceOf(address(hpt)), sum, "balance != sum of collateral");
        assertEq(sum, handler.ghostCollateral(), "collateral != model");
    }

    /// Registry accounting (audit fix 1): its balance is exactly the bonds plus the unclaimed slash
    /// proceeds plus the burnt part of slashed bonds; of every slashed bond (whole ethers here, so no
    /// rounding) 10% went to the challenger and 90% was burnt.
    function invariant_registryAccounting() public view {
        uint256 proceeds = reg.slashProceeds(handler.actors(0));
        assertEq(
            address(reg).balance,
            handler.sumBonds() + proceeds + reg.totalBurned(),
            "registry balance != bonds + proceeds + burned"
        );
        uint256 slashed = handler.ghostSlashed();
        assertEq(proceeds + handler.ghostProceedsWithdrawn(), slashed / 10, "challenger share != 10%");
        assertEq(reg.totalBurned(), slashed - slashed / 10, "burned != 90%");
    }

    /// Item 14: a frozen product's slices never change: same ids, same owners.
    function invariant_frozenTokensNeverMove() public view {
        uint256 n = handler.frozenCount();
        for (uint256 i; i < n; i++) {
            uint256 p = handler.frozenProducts(i);
            assertTrue(hpt.product(p).frozen);
            uint256[] memory snap = handler.frozenTokens(p);
            uint256[] memory live = hpt.productTokens(p);
            assertEq(live.length, snap.length, "frozen product's slices changed");
            for (uint256 j; j < snap.length; j++) {
                assertEq(hpt.ownerOf(snap[j]), handler.frozenOwner(snap[j]), "frozen token moved");
            }
        }
    }

    /// Nothing the model forbids ever succeeded (frozen splits/merges/transfers, invalid challenges),
    /// and nothing it allows ever reverted (the handler runs with failOnRevert off, so it counts).
    function invariant_modelAgrees() public view {
        assertEq(handler.unexpectedSuccesses(), 0, "a call that must revert succeeded");
        assertEq(handler.unexpectedReverts(), 0, "a call that must succeed reverted");
    }
}
