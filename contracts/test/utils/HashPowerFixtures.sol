// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AssetClassRegistry} from "../../src/registry/AssetClassRegistry.sol";
import {AttestorRegistry} from "../../src/registry/AttestorRegistry.sol";
import {HashPowerToken} from "../../src/token/HashPowerToken.sol";
import {IHashPowerToken} from "../../src/interfaces/IHashPowerToken.sol";
import {CollateralVault} from "../../src/token/CollateralVault.sol";
import {HardwareRegistry} from "../../src/token/HardwareRegistry.sol";
import {ICollateralPolicy} from "../../src/interfaces/ICollateralPolicy.sol";
import {ICreditRecorder} from "../../src/interfaces/ICreditRecorder.sol";
import {TokenMetadataRenderer} from "../../src/token/TokenMetadataRenderer.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {TestPayoutToken} from "../../src/dev/TestPayoutToken.sol";
import {MerkleHelper} from "./MerkleHelper.sol";
import {ProtocolWiring} from "./ProtocolWiring.sol";

/// @dev Shared setup: the AccessManager (admin `owner`), an asset class registry with BTC-SHA256
/// (payout token tWBTC), a committee of 5 bonded EOA attestors (threshold 3 for BTC), the collateral
/// vault, the hash power token, the hardware registry and the metadata renderer, wired by the
/// deployment's wiring table (see {ProtocolWiring}).
abstract contract HashPowerFixtures is ProtocolWiring {
    AssetClassRegistry internal assetClasses;
    AttestorRegistry internal attestorRegistry;
    CollateralVault internal collateralVault;
    HashPowerToken internal hpt;
    HardwareRegistry internal hardwareRegistry;
    TokenMetadataRenderer internal renderer;
    TestPayoutToken internal wbtc;

    address internal owner = makeAddr("owner");
    address internal issuer = makeAddr("issuer");
    address internal stranger = makeAddr("stranger");
    address internal challenger = makeAddr("challenger");
    address internal alice = makeAddr("alice");

    uint256 internal constant MIN_BOND = 1 ether;
    uint64 internal constant EXIT_DELAY = 7 days;
    uint256 internal constant T0 = 1_700_000_000;
    uint256 internal constant CAPACITY = 1_000e6; // 1,000 TH/s with 6 decimals
    uint256 internal constant COLLATERAL = 10e8; // 10 tWBTC
    uint8 internal constant THRESHOLD = 3;
    uint256 internal constant N_ATTESTORS = 5;

    bytes32 internal btc;

    /// attestors sorted by address, and their keys
    address[] internal att;
    uint256[] internal attKey;

    /// default hardware set of a product
    bytes32[] internal hw;

    function setUp() public virtual {
        vm.warp(T0);
        _deployManager(owner);
        assetClasses = new AssetClassRegistry(address(manager));
        wbtc = new TestPayoutToken("Wrapped BTC (test)", "tWBTC", 8, owner);
        vm.prank(owner);
        btc = assetClasses.registerAssetClass("BTC-SHA256", "TH/s", 6, address(wbtc));

        attestorRegistry = new AttestorRegistry(address(manager), MIN_BOND, EXIT_DELAY);
        collateralVault = new CollateralVault(address(manager), _collateralPolicy());
        hpt = new HashPowerToken(address(manager), assetClasses, attestorRegistry, collateralVault);
        hardwareRegistry = new HardwareRegistry(hpt, collateralVault, attestorRegistry, _creditRecorder());
        renderer = new TokenMetadataRenderer(hpt, assetClasses);
        _register("AssetClassRegistry", address(assetClasses));
        _register("AttestorRegistry", address(attestorRegistry));
        _register("CollateralVault", address(collateralVault));
        _register("HashPowerToken", address(hpt));
        _register("HardwareRegistry", address(hardwareRegistry));
        _wire();

        _makeAttestors();
        vm.startPrank(owner);
        hpt.setMetadataRenderer(renderer);
        for (uint256 i; i < att.length; i++) {
            attestorRegistry.addAttestor(att[i]);
        }
        attestorRegistry.setThreshold(btc, THRESHOLD);
        vm.stopPrank();
        for (uint256 i; i < att.length; i++) {
            _bond(att[i], MIN_BOND);
        }

        for (uint256 i; i < 4; i++) {
            hw.push(keccak256(abi.encodePacked("S19-serial-", vm.toString(i))));
        }
        _fund(issuer, 1_000e8);
    }

    /// The collateral vault's policy at deployment (none here; the credit fixtures deploy one).
    function _collateralPolicy() internal virtual returns (ICollateralPolicy) {
        return ICollateralPolicy(address(0));
    }

    /// The hardware registry's credit recorder (none here; the credit fixtures deploy one).
    function _creditRecorder() internal virtual returns (ICreditRecorder) {
        return ICreditRecorder(address(0));
    }

    function _makeAttestors() internal {
        address[] memory a = new address[](N_ATTESTORS);
        uint256[] memory k = new uint256[](N_ATTESTORS);
        for (uint256 i; i < N_ATTESTORS; i++) {
            (a[i], k[i]) = makeAddrAndKey(string.concat("attestor", vm.toString(i)));
        }
        // insertion sort by address
        for (uint256 i = 1; i < N_ATTESTORS; i++) {
            for (uint256 j = i; j > 0 && a[j] < a[j - 1]; j--) {
                (a[j], a[j - 1]) = (a[j - 1], a[j]);
                (k[j], k[j - 1]) = (k[j - 1], k[j]);
            }
        }
        for (uint256 i; i < N_ATTESTORS; i++) {
            att.push(a[i]);
            attKey.push(k[i]);
        }
    }

    function _bond(address who, uint256 amount) internal {
        vm.deal(who, who.balance + amount);
        vm.prank(who);
        attestorRegistry.depositBond{value: amount}();
    }

    function _fund(address who, uint256 amount) internal {
        vm.prank(owner);
        wbtc.mint(who, amount);
        vm.prank(who);
        wbtc.approve(address(collateralVault), type(uint256).max);
    }

    function _attestation(uint256 nonce) internal view returns (HashPowerToken.ProductAttestation memory a) {
        return _attestationFor(issuer, hw, nonce);
    }

    function _attestationFor(address issuer_, bytes32[] memory hardware, uint256 nonce)
        internal
        view
        returns (HashPowerToken.ProductAttestation memory a)
    {
        a.issuer = issuer_;
        a.assetClass = btc;
        a.capacity = CAPACITY;
        a.start = uint64(T0);
        a.end = uint64(T0 + 365 days);
        a.hardwareRoot = MerkleHelper.root(hardware);
        a.hardwareCount = uint32(hardware.length);
        a.metadataHash = keccak256("ipfs://product-metadata");
        a.collateralToken = address(wbtc);
        a.collateral = COLLATERAL;
        a.nonce = nonce;
        a.deadline = uint64(block.timestamp + 1 days);
        a.committeeEpoch = attestorRegistry.epoch();
    }

    function _signDigest(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// Signatures of attestors `from .. from + m - 1` (ascending) over the attestation's digest.
    function _sigs(HashPowerToken.ProductAttestation memory a, uint256 from, uint256 m)
        internal
        view
        returns (AttestorSignature[] memory sigs)
    {
        return _sigsOver(hpt.hashProductAttestation(a), from, m);
    }

    function _sigsOver(bytes32 digest, uint256 from, uint256 m) internal view returns (AttestorSignature[] memory sigs) {
        sigs = new AttestorSignature[](m);
        for (uint256 i; i < m; i++) {
            sigs[i] = AttestorSignature({signer: att[from + i], signature: _signDigest(attKey[from + i], digest)});
        }
    }

    function _mint(HashPowerToken.ProductAttestation memory a) internal returns (uint256 productId, uint256 tokenId) {
        return _mintWith(a, 0, THRESHOLD);
    }

    function _mintWith(HashPowerToken.ProductAttestation memory a, uint256 from, uint256 m)
        internal
        returns (uint256 productId, uint256 tokenId)
    {
        AttestorSignature[] memory sigs = _sigs(a, from, m);
        vm.prank(a.issuer);
        return hpt.mintProduct(a, sigs);
    }

    function _mintDefault() internal returns (uint256 productId, uint256 tokenId) {
        return _mint(_attestation(1));
    }

    function _units(uint256 a, uint256 b) internal pure returns (uint256[] memory u) {
        u = new uint256[](2);
        u[0] = a;
        u[1] = b;
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory u) {
        u = new uint256[](2);
        u[0] = a;
        u[1] = b;
    }

    /// Sum of the units of a product's live slices, among token ids 1 .. the last minted (the
    /// token does not enumerate a product's slices on chain: tests scan every id ever minted).
    function _liveSum(uint256 productId) internal view returns (uint256 sum) {
        uint256[] memory ids = _liveTokens(productId);
        for (uint256 i; i < ids.length; i++) {
            sum += hpt.tokenData(ids[i]).units;
        }
    }

    /// The live slices of a product, ascending, found by scanning every id ever minted.
    function _liveTokens(uint256 productId) internal view returns (uint256[] memory ids) {
        uint256 next = hpt.nextTokenId();
        uint256[] memory found = new uint256[](next);
        uint256 n;
        for (uint256 id = 1; id < next; id++) {
            (bool ok, bytes memory ret) = address(hpt).staticcall(abi.encodeCall(hpt.tokenData, (id)));
            if (ok && abi.decode(ret, (IHashPowerToken.TokenData)).productId == productId) found[n++] = id;
        }
        ids = new uint256[](n);
        for (uint256 i; i < n; i++) {
            ids[i] = found[i];
        }
    }

    /// For each token, the index of its holding that covers its product's freeze (what
    /// `HardwareRegistry.redeemFrozen` takes, as the SDK finds it); 0 where there is none.
    function _atFreeze(uint256[] memory ids) internal view returns (uint256[] memory idx) {
        idx = new uint256[](ids.length);
        for (uint256 i; i < ids.length; i++) {
            (bool ok, bytes memory ret) = address(hpt).staticcall(abi.encodeCall(hpt.tokenData, (ids[i])));
            if (!ok) continue;
            uint256 pid = abi.decode(ret, (IHashPowerToken.TokenData)).productId;
            (,, uint64 frozenAt,) = hardwareRegistry.frozenPool(pid);
            uint256 n = hpt.holdingCount(ids[i]);
            for (uint256 j; j < n; j++) {
                IHashPowerToken.Holding memory h = hpt.holding(ids[i], j);
                if (h.start <= frozenAt && frozenAt < h.end) {
                    idx[i] = j;
                    break;
                }
            }
        }
    }
}
