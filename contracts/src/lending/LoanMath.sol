// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title LoanMath
 * @notice The loan arithmetic of {HashPowerLending}, in one place so that the Java SDK's offline
 * math (`io.hashmix.proofs.lending.LoanMath`) can match it to the base unit (shared vectors in
 * `test-vectors/lending-math.json`).
 * @dev Interest is simple, per second, on the outstanding principal: `principal * aprBps * seconds`
 * accrues exactly in "scaled interest" (interest x {YEAR_BPS}); the interest owed is that rounded up
 * to a whole base unit. Rounding happens only when interest is paid in full, so it costs the borrower
 * at most one base unit per payment, however often interest is accrued. The debt never exceeds what
 * the borrower may still be asked for (`capLeft`, the max repayment minus what was paid).
 */
library LoanMath {
    /// @notice Seconds per year x basis points: scaled interest / YEAR_BPS = interest in base units.
    uint256 internal constant YEAR_BPS = 365 days * 10_000;

    /// @notice Scaled interest of `principal` at `aprBps` over `elapsed` seconds (exact).
    /// @param principal Outstanding principal.
    /// @param aprBps Annual rate in basis points.
    /// @param elapsed Seconds.
    /// @return Scaled interest.
    function accrued(uint256 principal, uint256 aprBps, uint256 elapsed) internal pure returns (uint256) {
        return principal * aprBps * elapsed;
    }

    /// @notice Interest of `principal` at `aprBps` over `elapsed` seconds, rounded up to a base unit.
    /// @param principal Principal.
    /// @param aprBps Annual rate in basis points.
    /// @param elapsed Seconds.
    /// @return Interest in base units.
    function interestFor(uint256 principal, uint256 aprBps, uint256 elapsed) internal pure returns (uint256) {
        return Math.ceilDiv(accrued(principal, aprBps, elapsed), YEAR_BPS);
    }

    /// @notice What is owed: principal plus interest (rounded up), at most `capLeft`.
    /// @param principal Outstanding principal.
    /// @param interestScaled Unpaid scaled interest.
    /// @param capLeft What the borrower may still be asked for.
    /// @return The debt.
    function debt(uint256 principal, uint256 interestScaled, uint256 capLeft) internal pure returns (uint256) {
        uint256 owed = principal + Math.ceilDiv(interestScaled, YEAR_BPS);
        return owed < capLeft ? owed : capLeft;
    }

    /// @notice Applies a payment of `amount` (at most {debt}) to interest, then principal.
    /// @dev Paying the interest in full clears the scaled remainder (the at most one base unit the
    /// borrower rounds up); a partial interest payment leaves the exact remainder. The cap falls by
    /// `amount`; a cap of zero settles the loan (principal and interest are forgiven beyond it).
    /// @param interestScaled Unpaid scaled interest (accrued to now).
    /// @param principal Outstanding principal.
    /// @param capLeft What the borrower may still be asked for.
    /// @param amount The payment.
    /// @return newInterestScaled Scaled interest left.
    /// @return newPrincipal Principal left.
    /// @return newCapLeft Cap left.
    /// @return toInterest Part of the payment that paid interest.
    /// @return toPrincipal Part of the payment that paid principal.
    function applyPayment(uint256 interestScaled, uint256 principal, uint256 capLeft, uint256 amount)
        internal
        pure
        returns (
            uint256 newInterestScaled,
            uint256 newPrincipal,
            uint256 newCapLeft,
            uint256 toInterest,
            uint256 toPrincipal
        )
    {
        uint256 interest = Math.ceilDiv(interestScaled, YEAR_BPS);
        if (amount >= interest) {
            toInterest = interest;
            newInterestScaled = 0;
        } else {
            toInterest = amount;
            newInterestScaled = interestScaled - amount * YEAR_BPS;
        }
        toPrincipal = amount - toInterest;
        newPrincipal = principal - toPrincipal;
        newCapLeft = capLeft - amount;
        if (newCapLeft == 0) {
            newPrincipal = 0;
            newInterestScaled = 0;
        }
    }

    /// @notice The price of a descending auction `elapsed` seconds into `duration`: linear from
    /// `startPrice` to `floorPrice`, rounded up (against the bidder).
    /// @param startPrice Price at the start.
    /// @param floorPrice Price at the end (at most `startPrice`).
    /// @param elapsed Seconds since the start (below `duration`).
    /// @param duration Auction length.
    /// @return The price.
    function auctionPrice(uint256 startPrice, uint256 floorPrice, uint256 elapsed, uint256 duration)
        internal
        pure
        returns (uint256)
    {
        return startPrice - Math.mulDiv(startPrice - floorPrice, elapsed, duration);
    }
}
