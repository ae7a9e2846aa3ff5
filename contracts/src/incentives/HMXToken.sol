// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/**
 * @title HMXToken
 * @notice HMX, the HashMix incentive token: an OpenZeppelin ERC-20 with a hard cap on its supply
 * and EIP-2612 permits. It is minted only by the emission controller (role `HMX_MINTER`), when a
 * participant claims rewards, and never beyond the emission schedule or the cap. Holders may burn
 * their own HMX (the controller burns extra funding it receives, and mints it again as it is claimed).
 */
contract HMXToken is ERC20, ERC20Burnable, ERC20Capped, ERC20Permit, AccessManaged {
    /**
     * @param authority The protocol's AccessManager (maps {mint} to `HMX_MINTER`).
     * @param cap_ The most HMX that can ever exist (18 decimals).
     */
    constructor(address authority, uint256 cap_)
        ERC20("HashMix", "HMX")
        ERC20Capped(cap_)
        ERC20Permit("HashMix")
        AccessManaged(authority)
    {}

    /**
     * @notice Mints HMX (role `HMX_MINTER`: the emission controller).
     * @dev Reverts with `ERC20ExceededCap` beyond {cap} and `ERC20InvalidReceiver` for address(0).
     * @param to Recipient.
     * @param amount Amount.
     */
    function mint(address to, uint256 amount) external restricted {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
