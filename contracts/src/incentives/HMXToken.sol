// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ZeroAddress} from "../common/Errors.sol";

/**
 * @title HMXToken
 * @notice HMX, the HashMix incentive token: an OpenZeppelin ERC-20 with a hard cap on its supply
 * and EIP-2612 permits. It is minted only by its {minter}, the emission controller that deploys it,
 * when a participant claims rewards, and never beyond the emission schedule or the cap. Holders may
 * burn their own HMX (the controller burns extra funding it receives, and mints it again as it is
 * claimed).
 * @dev The minter is immutable rather than an AccessManager role: nobody, not even the admin, can
 * ever let another contract mint, and a claim saves the manager's permission check (~10,000 gas).
 */
contract HMXToken is ERC20, ERC20Burnable, ERC20Capped, ERC20Permit {
    /// @notice The only account that mints (the emission controller).
    address public immutable minter;

    /// @notice The caller is not the minter.
    error NotMinter(address caller);

    /**
     * @param cap_ The most HMX that can ever exist (18 decimals).
     * @param minter_ The emission controller.
     */
    constructor(uint256 cap_, address minter_) ERC20("HashMix", "HMX") ERC20Capped(cap_) ERC20Permit("HashMix") {
        if (minter_ == address(0)) revert ZeroAddress();
        minter = minter_;
    }

    /**
     * @notice Mints HMX (the {minter} only).
     * @dev Reverts with {NotMinter}, `ERC20ExceededCap` beyond {cap} and `ERC20InvalidReceiver` for address(0).
     * @param to Recipient.
     * @param amount Amount.
     */
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
