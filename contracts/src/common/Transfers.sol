// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {LowLevelCall} from "@openzeppelin/contracts/utils/LowLevelCall.sol";
import {AmountNotReceived, NativeTransferFailed} from "./Errors.sol";

/**
 * @title Transfers
 * @notice The value-moving helpers every HashMix contract uses: an ERC-20 pull that must arrive in
 * full, and a native-coin send.
 */
library Transfers {
    using SafeERC20 for IERC20;

    /**
     * @notice Pulls exactly `amount` of `token` from `from` into this contract (`from` approved it).
     * @dev Reverts with {AmountNotReceived} unless this contract's balance grew by exactly `amount`:
     * fee-on-transfer and rebasing tokens are refused rather than booked at a wrong amount. Zero is
     * a no-op (some tokens reject zero transfers).
     * @param token The ERC-20.
     * @param from Payer.
     * @param amount Amount.
     */
    function pullExact(IERC20 token, address from, uint256 amount) internal {
        if (amount == 0) return;
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 afterBalance = token.balanceOf(address(this));
        uint256 received = afterBalance > before ? afterBalance - before : 0;
        if (received != amount) revert AmountNotReceived(amount, received);
    }

    /**
     * @notice Sends `amount` of native coin to `to` with all remaining gas and no return-data copy.
     * @dev Reverts with {NativeTransferFailed}; zero is a no-op. Callers guard against re-entrancy.
     * @param to Recipient.
     * @param amount Amount in wei.
     */
    function sendNative(address to, uint256 amount) internal {
        if (amount == 0) return;
        if (!LowLevelCall.callNoReturn(to, amount, "")) revert NativeTransferFailed(to, amount);
    }
}
