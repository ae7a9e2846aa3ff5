// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/**
 * @title HashMixAccessManager
 * @notice The protocol's one authority (OpenZeppelin 5 `AccessManager`, unchanged): every
 * privileged function of every HashMix contract is `restricted` by it. It maps functions to roles
 * (`common/Roles.sol`), grants roles to the protocol contracts and people that need them, and
 * enforces grant delays, execution delays and target admin delays, so parameter changes that can
 * hurt users can be made to wait (checklist item 31). On a public network its admin should be a
 * timelock or a multisig.
 */
contract HashMixAccessManager is AccessManager {
    /// @param initialAdmin The first holder of `ADMIN_ROLE`.
    constructor(address initialAdmin) AccessManager(initialAdmin) {}
}
