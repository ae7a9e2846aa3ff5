// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/**
 * @title HashMixEIP712
 * @notice The EIP-712 domain every HashMix contract signs under: name "HashMix", version "1", this
 * chain and the verifying contract itself, so a signature for one contract or chain is worthless on
 * another (checklist item 3).
 */
abstract contract HashMixEIP712 is EIP712 {
    constructor() EIP712("HashMix", "1") {}

    /// @notice The EIP-712 domain separator of this contract on this chain.
    /// @return The domain separator.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }
}
