package io.hashmix.core.errors;

import java.math.BigInteger;

/** A Solidity panic: a failed assert, arithmetic overflow, division by zero, bad array index, ... */
public final class PanicException extends ContractRevertException {

    private static final long serialVersionUID = 1L;

    private final BigInteger code;

    /** Creates the exception. */
    public PanicException(String context, String revertData, BigInteger code) {
        super(context, revertData, "Panic(0x" + code.toString(16) + ": " + describe(code) + ")");
        this.code = code;
    }

    /** The panic code, e.g. {@code 0x11} for arithmetic overflow. */
    public BigInteger code() {
        return code;
    }

    /** What a panic code means, per the Solidity documentation. */
    public static String describe(BigInteger code) {
        return switch (code.intValue()) {
            case 0x00 -> "generic compiler panic";
            case 0x01 -> "assertion failed";
            case 0x11 -> "arithmetic overflow or underflow";
            case 0x12 -> "division or modulo by zero";
            case 0x21 -> "invalid enum value";
            case 0x22 -> "corrupt storage byte array";
            case 0x31 -> "pop on empty array";
            case 0x32 -> "array index out of bounds";
            case 0x41 -> "out of memory";
            case 0x51 -> "call to uninitialized function";
            default -> "unknown panic code";
        };
    }
}
