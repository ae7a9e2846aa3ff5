/**
 * Offline Bitcoin SPV payment proofs: evidence that a transaction paying a given output script at least a given
 * amount is in a block buried under a header chain with valid proof of work, anchored at a header checkpoint the
 * committee attests. Used as cross-chain payout evidence in fulfillment reports; a Solidity verifier checks the same
 * proofs on chain against the same checkpoint (see {@code docs/spv.md}).
 *
 * <h2>Pieces</h2>
 * <ul>
 * <li>Parsing: {@link io.hashmix.proofs.spv.BlockHeader} (80 bytes), {@link io.hashmix.proofs.spv.BitcoinTransaction}
 *     (legacy and segwit serializations, txid over the stripped form), {@link io.hashmix.proofs.spv.VarInt} (canonical
 *     CompactSize), {@link io.hashmix.proofs.spv.TxOutput} and {@link io.hashmix.proofs.spv.ScriptType} (P2PK, P2PKH,
 *     P2SH, P2WPKH, P2WSH, P2TR, other). Bad bytes throw {@link io.hashmix.proofs.spv.BitcoinFormatException}.</li>
 * <li>Proof of work: {@link io.hashmix.proofs.spv.CompactTarget} ({@code nBits} to target and back, work per header)
 *     and {@link io.hashmix.proofs.spv.NetworkParams} (pow limit and retarget rule of mainnet and regtest).</li>
 * <li>Merkle trees: {@link io.hashmix.proofs.spv.BitcoinMerkle} (root, branch, root from branch).</li>
 * <li>Proofs: {@link io.hashmix.proofs.spv.PaymentProof}, {@link io.hashmix.proofs.spv.HeaderCheckpoint},
 *     {@link io.hashmix.proofs.spv.SpvVerifier} returning {@link io.hashmix.proofs.spv.SpvResult} or throwing
 *     {@link io.hashmix.proofs.spv.SpvVerificationException} with a
 *     {@link io.hashmix.proofs.spv.SpvVerificationException.Reason}; JSON via
 *     {@link io.hashmix.proofs.spv.PaymentProofJson}.</li>
 * <li>Binding proofs to a product (issue #15, the contract {@code BitcoinEvidence}):
 *     {@link io.hashmix.proofs.spv.PayoutCommitment} (the committee's commitment of a product's payout scripts, with
 *     {@link io.hashmix.proofs.spv.PayoutCommitmentBundle} and {@link io.hashmix.proofs.spv.PayoutCommitmentJson}),
 *     {@link io.hashmix.proofs.spv.BitcoinClassParams} (a class's minimum confirmations, checkpoint age, window slack,
 *     conversion), {@link io.hashmix.proofs.spv.BoundEvidence} (an epoch's proofs checked as the contract checks them,
 *     failing with {@link io.hashmix.proofs.spv.EvidenceBindingException}) and
 *     {@link io.hashmix.proofs.spv.SubsidyFloor} (the subsidy-only revenue of a unit at a proven header, the floor of
 *     a report's unit revenue). Vectors: {@code test-vectors/btc-floor.json} (real main-net headers of
 *     {@code btc-mainnet-headers.json}, extracted from bitcoinj 0.17's checkpoints), {@code btc-evidence.json},
 *     {@code payout-commitment.json}.</li>
 * </ul>
 *
 * <h2>Byte order</h2>
 * Every hash held in a {@link io.hashmix.proofs.eip712.Bytes32} (txid, block hash, Merkle node, previous-block hash,
 * Merkle root) is in <em>internal</em> order: as {@code SHA256(SHA256(x))} returns it and as it sits in headers and
 * transactions. {@code Bytes32.toHex()} and every JSON field print that order with a {@code 0x} prefix. Explorers and
 * Bitcoin Core's RPC print hashes reversed ("display" order, no prefix); convert only with
 * {@link io.hashmix.proofs.spv.BitcoinHash#toDisplayHex} / {@link io.hashmix.proofs.spv.BitcoinHash#fromDisplayHex}.
 * A header meets its target when its hash, reversed and read as a big-endian number, is at most the target.
 *
 * <h2>Test vectors: {@code test-vectors/btc-spv.json}</h2>
 * Generated from this code (a test fails if the committed file drifts) for the Solidity verifier's tests:
 * <pre>{@code
 * {
 *   "description": "...",
 *   "networks": {                      // the proof-of-work rules a case names
 *     "mainnet":          { "powLimit": "0x00000000ffff...ff", "retargetInterval": 2016, "retargeting": true },
 *     "regtest":          { "powLimit": "0x7fff...ff",         "retargetInterval": 2016, "retargeting": false },
 *     "regtest-retarget": { "powLimit": "0x7fff...ff",         "retargetInterval": 2016, "retargeting": true }
 *   },
 *   "cases": [ {
 *     "name": "valid-p2wpkh-payment", "description": "...",
 *     "network": "regtest",
 *     "checkpoint": { "blockHash": "0x.. (internal order)", "height": 1000, "nBits": 545259519 },
 *     "proof": { PaymentProofJson: transaction, txIndex, merkleBranch, coinbaseTransaction, coinbaseBranch,
 *                headers, headerIndex, outputScript, minAmount, requiredConfirmations },
 *     "expected": { "valid": true, "txid": "0x..", "txidDisplay": "..", "blockHash": "0x..",
 *                   "blockHashDisplay": "..", "blockHeight": 1001, "amount": 3000, "confirmations": 6,
 *                   "totalWork": "12" }
 *              or { "valid": false, "reason": "BROKEN_LINK" }
 *   } ]
 * }
 * }</pre>
 * {@code powLimit} is a 0x-prefixed 64-digit big-endian number; {@code nBits}, heights, indexes, amounts
 * (satoshis) and confirmations are JSON integers; {@code totalWork} is a decimal string. {@code reason} is a
 * {@link io.hashmix.proofs.spv.SpvVerificationException.Reason} name: the first failing check in the order
 * {@link io.hashmix.proofs.spv.SpvVerifier} documents. There is at least one case per reason, valid cases from the
 * real main-network blocks 99960 and 99993, and attack cases (64-byte inner node, fake leaf below a 64-byte
 * transaction, phantom duplicate index, 4x retarget boundary).
 */
package io.hashmix.proofs.spv;
