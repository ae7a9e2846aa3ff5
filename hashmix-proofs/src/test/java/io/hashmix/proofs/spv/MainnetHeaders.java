package io.hashmix.proofs.spv;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.proofs.attestation.JsonFields;

/**
 * The real main-network headers committed in {@code test-vectors/btc-mainnet-headers.json} (extracted from bitcoinj
 * 0.17's checkpoint file by {@code scripts/extract-mainnet-headers.py}; see the file's {@code source}) and the three
 * real blocks of the test resource {@code bitcoin/mainnet-blocks.json}.
 */
final class MainnetHeaders {

    /** File name under {@code test-vectors/}. */
    static final String FILE = "btc-mainnet-headers.json";

    /**
     * One real header.
     *
     * @param height its height
     * @param header the header
     * @param hashDisplay its hash as explorers print it
     * @param chainWork cumulative work up to it (bitcoinj), or null for the resource blocks
     * @param source where it comes from
     */
    record Entry(long height, BlockHeader header, String hashDisplay, BigInteger chainWork, String source) {
    }

    private MainnetHeaders() {
    }

    static JsonNode file() {
        try {
            return JsonFields.parse(Files.readString(vectorsDir().resolve(FILE)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
    }

    /** The bitcoinj-derived headers, in file order. */
    static List<Entry> bitcoinj() {
        List<Entry> out = new ArrayList<>();
        for (JsonNode h : file().get("headers")) {
            out.add(new Entry(h.get("height").asLong(), BlockHeader.parse(hex(h.get("header").asText())),
                    h.get("hashDisplay").asText(), new BigInteger(h.get("chainWork").asText().substring(2), 16),
                    "bitcoinj-core 0.17 checkpoints"));
        }
        return out;
    }

    /** The three real blocks of the test resource (genesis, 99960, 99993). */
    static List<Entry> resourceBlocks() {
        List<Entry> out = new ArrayList<>();
        for (RealMainnetBlocksTest.RealBlock b : RealMainnetBlocksTest.blocks()) {
            out.add(new Entry(b.height(), b.header(), b.blockHash(), null, "shared/data/bitcoin/mainnet-blocks.json"));
        }
        return out;
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.startsWith("0x") ? text.substring(2) : text);
    }

    static Path vectorsDir() {
        return SpvVectorsTest.vectorsDir();
    }
}
