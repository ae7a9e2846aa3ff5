// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {BitcoinEvidence} from "../../src/spv/BitcoinEvidence.sol";
import {IAssetClassRegistry} from "../../src/interfaces/IAssetClassRegistry.sol";
import {IAttestorRegistry} from "../../src/interfaces/IAttestorRegistry.sol";
import {IBtcSpvVerifier} from "../../src/interfaces/IBtcSpvVerifier.sol";
import {IHashPowerToken} from "../../src/interfaces/IHashPowerToken.sol";

/// @dev Exposes the binding's BIP 34 check (a coinbase in the form the SPV verifier accepts).
contract BitcoinEvidenceHarness is BitcoinEvidence {
    constructor(
        address authority,
        IAttestorRegistry attestors,
        IHashPowerToken token_,
        IBtcSpvVerifier verifier_,
        IAssetClassRegistry assetClasses_
    ) BitcoinEvidence(authority, attestors, token_, verifier_, assetClasses_) {}

    function coinbaseHasHeight(bytes calldata coinbase, uint256 height) external pure returns (bool) {
        return _coinbaseHasHeight(coinbase, height);
    }
}
