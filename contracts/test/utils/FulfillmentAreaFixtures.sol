// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Roles} from "../../src/common/Roles.sol";
import {AttestorSignature} from "../../src/interfaces/IAttestorRegistry.sol";
import {FulfillmentFixtures} from "./FulfillmentFixtures.sol";

/// @dev Helpers of the fulfillment suites on top of FulfillmentFixtures: the collateral left in the
/// CollateralVault, role grants and revocations through the AccessManager (as its admin `owner`),
/// a `freezer` account standing in for the hardware registry (roles PRODUCT_FREEZER and
/// COLLATERAL_FORFEITER), and report signatures by any chosen attestors.
abstract contract FulfillmentAreaFixtures is FulfillmentFixtures {
    /// Stands in for the hardware registry once {_grantFreezer} gave it its two roles.
    address internal freezer = makeAddr("freezer");

    /// What is left of a product's collateral in the CollateralVault (not forfeited).
    function _collateralLeft(uint256 productId) internal view returns (uint256 amount) {
        (, amount) = collateralVault.collateralOf(productId);
    }

    function _grant(uint64 role, address account) internal {
        vm.prank(owner);
        manager.grantRole(role, account, 0);
    }

    function _revoke(uint64 role, address account) internal {
        vm.prank(owner);
        manager.revokeRole(role, account);
    }

    /// Gives `freezer` the hardware registry's roles on `HashPowerToken.freeze` and `CollateralVault.forfeit`.
    function _grantFreezer() internal {
        _grant(Roles.PRODUCT_FREEZER, freezer);
        _grant(Roles.COLLATERAL_FORFEITER, freezer);
    }

    /// Freezes a product and forfeits its collateral (`bountyBps` to the challenger), as a
    /// successful duplicate-hardware challenge does.
    function _freezeAndForfeit(uint256 productId, uint256 bountyBps) internal returns (uint256 bounty, uint256 forfeited) {
        vm.prank(freezer);
        hpt.freeze(productId);
        vm.prank(freezer);
        (bounty, forfeited) = collateralVault.forfeit(productId, challenger, bountyBps);
    }

    /// Signatures of the attestors at positions `idx` (ascending) over `digest`.
    function _sigsAt(bytes32 digest, uint256[] memory idx) internal view returns (AttestorSignature[] memory sigs) {
        sigs = new AttestorSignature[](idx.length);
        for (uint256 i; i < idx.length; i++) {
            sigs[i] = AttestorSignature({signer: att[idx[i]], signature: _signDigest(attKey[idx[i]], digest)});
        }
    }
}
