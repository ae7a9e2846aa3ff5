package io.hashmix.core.assetclass;

import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.DecodedError;

/**
 * The registry refused a parameter: {@code InvalidSymbol(string)}, {@code InvalidUnitName(string)},
 * {@code InvalidUnitDecimals(uint8)} or {@code InvalidPayoutToken(address)}. The SDK checks the
 * same rules before sending, so this mostly shows with a payout token that is not a contract.
 */
public final class InvalidAssetClassParameterException extends CustomErrorException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public InvalidAssetClassParameterException(String context, String revertData, DecodedError error) {
        super(context, revertData, error);
    }

    /** Which parameter: {@code symbol}, {@code unitName}, {@code unitDecimals} or {@code payoutToken}. */
    public String parameter() {
        return switch (errorName()) {
            case "InvalidSymbol" -> "symbol";
            case "InvalidUnitName" -> "unitName";
            case "InvalidUnitDecimals" -> "unitDecimals";
            default -> "payoutToken";
        };
    }

    /** The refused value as the contract reported it. */
    public Object value() {
        return error().value(0);
    }
}
