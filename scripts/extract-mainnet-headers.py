#!/usr/bin/env python3
"""Extracts real Bitcoin main-network block headers from bitcoinj's checkpoint file into
test-vectors/btc-mainnet-headers.json (committed; nothing is fetched at build or test time).

Source: the Maven Central artifact org.bitcoinj:bitcoinj-core:0.17 (a jar) holds
org.bitcoin.production.checkpoints.txt: a "TXT CHECKPOINTS 1" header line, a signature count (0),
an entry count, then one base64 line per entry. Each entry is a bitcoinj StoredBlock in compact
form, 96 bytes: chain work (12 bytes, big-endian), height (4 bytes, big-endian), the 80-byte block
header. There is one entry per difficulty period (heights 2016, 4032, ...): the first block of each
period, so consecutive entries bracket every retarget and every halving.

Usage (the jar was fetched once with Maven into a scratch folder, never into the build):
  mvn dependency:copy -Dartifact=org.bitcoinj:bitcoinj-core:0.17 -DoutputDirectory=/tmp/bitcoinj -Dtransitive=false
  python3 scripts/extract-mainnet-headers.py /tmp/bitcoinj/bitcoinj-core-0.17.jar > test-vectors/btc-mainnet-headers.json

Every entry of the file is checked before anything is written: its header meets its own target, consecutive
entries are 2016 blocks apart, their chain work differs by exactly 2015 x work(earlier nBits) + work(later
nBits) (the blocks of a period all carry its first block's nBits), starting from genesis' 2016 x work(0x1d00ffff),
and no retarget moves the target more than 4x.
"""
import base64
import hashlib
import json
import sys
import zipfile

HEIGHTS = [209_664, 211_680, 628_992, 631_008, 838_656, 840_672, 878_976]
FILE = "org.bitcoin.production.checkpoints.txt"


def sha256d(b):
    return hashlib.sha256(hashlib.sha256(b).digest()).digest()


def target(bits):
    exp, mant = bits >> 24, bits & 0x7FFFFF
    return mant >> (8 * (3 - exp)) if exp <= 3 else mant << (8 * (exp - 3))


def work(bits):
    return (1 << 256) // (target(bits) + 1)


def main(jar_path):
    jar = open(jar_path, "rb").read()
    with zipfile.ZipFile(jar_path) as z:
        text = z.read(FILE)
    lines = text.decode("ascii").split("\n")
    assert lines[0] == "TXT CHECKPOINTS 1", lines[0]
    signatures, count = int(lines[1]), int(lines[2])
    entries = [l for l in lines[3 + signatures:] if l.strip()]
    assert len(entries) == count, (len(entries), count)
    rows = []
    for line in entries:
        raw = base64.b64decode(line)
        assert len(raw) == 96
        chain_work = int.from_bytes(raw[:12], "big")
        height = int.from_bytes(raw[12:16], "big")
        header = raw[16:]
        bits = int.from_bytes(header[72:76], "little")
        block_hash = sha256d(header)
        assert int.from_bytes(block_hash, "little") <= target(bits), f"no proof of work at {height}"
        rows.append((height, chain_work, header, bits, block_hash))
    assert rows[0][0] == 2016 and rows[0][1] == 2016 * work(0x1D00FFFF) + work(rows[0][3])
    for a, b in zip(rows, rows[1:]):
        assert b[0] - a[0] == 2016
        assert b[1] - a[1] == 2015 * work(a[3]) + work(b[3]), f"chain work at {b[0]}"
        assert target(b[3]) <= 4 * target(a[3]) and 4 * target(b[3]) >= target(a[3]), f"clamp at {b[0]}"
    by_height = {r[0]: r for r in rows}
    out = {
        "description": "Real Bitcoin main-network block headers (the first block of a difficulty period each), "
        "extracted from bitcoinj's checkpoint file; read by the Java tests (SubsidyFloorTest, "
        "the btc-floor.json generator) and the Solidity BitcoinFloorVectors test. Hashes: 'hash' in internal "
        "byte order (sha256d of the header), 'hashDisplay' as explorers print it. chainWork is bitcoinj's "
        "cumulative work up to and including the block. Every entry of the source file was checked (proof of "
        "work, 2016-block spacing, chain work from genesis, 4x retarget clamp) by the extraction script.",
        "source": {
            "artifact": "org.bitcoinj:bitcoinj-core:0.17",
            "url": "https://repo1.maven.org/maven2/org/bitcoinj/bitcoinj-core/0.17/bitcoinj-core-0.17.jar",
            "jarSha256": hashlib.sha256(jar).hexdigest(),
            "file": FILE,
            "fileSha256": hashlib.sha256(text).hexdigest(),
            "entries": count,
            "format": "per line, base64 of 96 bytes: chain work (12, big-endian) | height (4, big-endian) | "
            "80-byte header",
            "extractedBy": "scripts/extract-mainnet-headers.py",
        },
        "headers": [],
    }
    for h in HEIGHTS:
        height, chain_work, header, bits, block_hash = by_height[h]
        out["headers"].append({
            "height": height,
            "header": "0x" + header.hex(),
            "hash": "0x" + block_hash.hex(),
            "hashDisplay": block_hash[::-1].hex(),
            "nBits": bits,
            "time": int.from_bytes(header[68:72], "little"),
            "chainWork": "0x" + format(chain_work, "x"),
        })
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
