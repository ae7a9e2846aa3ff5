package io.hashmix.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ABI and creation bytecode of one compiled contract, as exported from {@code contracts/} into this
 * module's resources ({@code io/hashmix/contracts/<Name>.abi} and {@code .bin}).
 *
 * @param name     the Solidity contract name
 * @param abiJson  the ABI as a JSON array
 * @param bytecode creation bytecode, {@code 0x}-prefixed hex
 */
public record ContractArtifact(String name, String abiJson, String bytecode) {

    private static final String RESOURCE_DIR = "/io/hashmix/contracts/";

    /** Validates the parts. */
    public ContractArtifact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(abiJson, "abiJson");
        Objects.requireNonNull(bytecode, "bytecode");
        if (!bytecode.startsWith("0x") || bytecode.length() < 4) {
            throw new IllegalArgumentException("bytecode of " + name + " must be non-empty 0x-prefixed hex");
        }
    }

    /**
     * Loads an exported artifact from the classpath.
     *
     * @throws IllegalArgumentException if no artifact of that name was exported
     */
    public static ContractArtifact load(String name) {
        String abi = read(name + ".abi");
        String bin = read(name + ".bin").strip();
        return new ContractArtifact(name, abi, bin.startsWith("0x") ? bin : "0x" + bin);
    }

    /**
     * Reads an exported resource file of this module (an artifact or a data file such as the access
     * wiring table).
     *
     * @throws IllegalArgumentException if there is no such file
     */
    static String read(String file) {
        try (InputStream in = ContractArtifact.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no exported contract artifact " + RESOURCE_DIR + file
                        + " (run `npm run export` in contracts/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + file, e);
        }
    }
}
