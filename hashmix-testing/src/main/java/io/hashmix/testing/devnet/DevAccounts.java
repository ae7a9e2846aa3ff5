package io.hashmix.testing.devnet;

import java.util.ArrayList;
import java.util.List;

import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The funded accounts of a local Hardhat chain, derived from Hardhat's well-known test mnemonic
 * (BIP-44 path {@code m/44'/60'/0'/0/i}). These keys are public knowledge: never use them anywhere
 * but a local chain.
 */
public final class DevAccounts {

    /** Hardhat's default mnemonic. */
    public static final String HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

    /** How many accounts Hardhat funds by default. */
    public static final int HARDHAT_ACCOUNT_COUNT = 20;

    private DevAccounts() {
    }

    /** The first {@code count} accounts of a mnemonic. */
    public static List<Credentials> fromMnemonic(String mnemonic, int count) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
        List<Credentials> accounts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT,
                    Bip32ECKeyPair.HARDENED_BIT, 0, i};
            accounts.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
        return List.copyOf(accounts);
    }

    /** Hardhat's funded default accounts. */
    public static List<Credentials> hardhat() {
        return fromMnemonic(HARDHAT_MNEMONIC, HARDHAT_ACCOUNT_COUNT);
    }
}
