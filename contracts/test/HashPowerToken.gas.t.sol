// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {HashPowerToken} from "../src/token/HashPowerToken.sol";
import {AttestorSignature} from "../src/interfaces/IAttestorRegistry.sol";
import {HashPowerFixtures} from "./utils/HashPowerFixtures.sol";
import {GasBench} from "./utils/GasBench.sol";

/// @notice Gas benchmarks of the hash power token's lifecycle, one test per operation, measured as a
/// real transaction would pay (execution gas and transaction total, in both EDR modes: see GasBench).
/// Steady state: the issuer already minted a product (its token balance, the vault's collateral
/// balance and the attestors' bond locks are in use) and holds several tokens; the fresh holder
/// never held a token. Holdings opened in setUp are an hour old, so every operation closes a
/// holding of non-zero length (one storage write, as in real use).
contract HashPowerTokenGasTest is HashPowerFixtures, GasBench {
    address internal fresh = makeAddr("freshHolder");

    HashPowerToken.ProductAttestation internal nextProduct;
    AttestorSignature[] internal nextSigs;
    uint256 internal wholeToken; // the issuer's token of product 1 (all units)
    uint256 internal partA; // two slices of product 2, for the merge
    uint256 internal partB;
    uint256 internal moveToken; // a token of product 3 to transfer

    function setUp() public override {
        super.setUp();
        (, wholeToken) = _mintDefault();
        (, uint256 second) = _mint(_attestation(2));
        vm.prank(issuer);
        uint256[] memory parts = hpt.split(second, _units(CAPACITY / 2, CAPACITY / 2));
        (partA, partB) = (parts[0], parts[1]);
        (, moveToken) = _mint(_attestation(3));

        // the next product (3-of-5), ending later than the others: the signers' locks are extended
        HashPowerToken.ProductAttestation memory a = _attestation(4);
        a.end = uint64(T0 + 400 days);
        a.deadline = uint64(T0 + 2 days);
        nextProduct = a;
        AttestorSignature[] memory sigs = _sigs(a, 0, THRESHOLD);
        for (uint256 i; i < sigs.length; i++) {
            nextSigs.push(sigs[i]);
        }
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_mintProduct_3of5() public {
        bytes memory data = abi.encodeCall(HashPowerToken.mintProduct, (nextProduct, nextSigs));
        _bench("mintProduct, 3-of-5 signatures, collateral locked in the vault", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.productCount(), 4);
    }

    function test_gas_split_intoTwo() public {
        bytes memory data = abi.encodeCall(HashPowerToken.split, (wholeToken, _units(CAPACITY / 4, CAPACITY - CAPACITY / 4)));
        _bench("split into 2", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.balanceOf(issuer), 5);
    }

    function test_gas_merge_two() public {
        bytes memory data = abi.encodeCall(HashPowerToken.merge, (_ids(partA, partB)));
        _bench("merge 2", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.balanceOf(issuer), 3);
    }

    function test_gas_carve() public {
        bytes memory data = abi.encodeCall(HashPowerToken.carve, (wholeToken, CAPACITY / 3, fresh));
        _bench("carve to a fresh holder", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.balanceOf(fresh), 1);
    }

    function test_gas_transferFrom_toFreshHolder() public {
        bytes memory data = abi.encodeCall(hpt.transferFrom, (issuer, fresh, moveToken));
        _bench("transferFrom to a fresh holder", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.ownerOf(moveToken), fresh);
    }

    function test_gas_bumpTokenNonce() public {
        bytes memory data = abi.encodeCall(HashPowerToken.bumpTokenNonce, (moveToken));
        _bench("bumpTokenNonce", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.tokenNonce(moveToken), 1);
    }
}

/// @notice A token's later carve: the slice keeps the closed holding of one carve (no new slot), so
/// the next carve of the same token first moves that one to a slot of its own. Same steady state as
/// above: the token was carved an hour before, and its holding since is an hour old.
contract HashPowerTokenCarveAgainGasTest is HashPowerFixtures, GasBench {
    address internal fresh = makeAddr("freshHolder");
    uint256 internal token;

    function setUp() public override {
        super.setUp();
        (, token) = _mintDefault();
        vm.warp(block.timestamp + 1 hours);
        vm.prank(issuer);
        hpt.carve(token, CAPACITY / 4, issuer);
        vm.warp(block.timestamp + 1 hours);
    }

    function test_gas_carve_again() public {
        bytes memory data = abi.encodeCall(HashPowerToken.carve, (token, CAPACITY / 3, fresh));
        _bench("carve of a token carved before, to a fresh holder", address(hpt), issuer, data, 0, 0);
        assertEq(hpt.balanceOf(fresh), 1);
        assertEq(hpt.holdingCount(token), 3, "two closed by the carves, one open");
    }
}
