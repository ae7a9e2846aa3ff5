package io.hashmix.benchmarks;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.hashmix.core.rpc.JsonRpcClient;

/**
 * Where the gas of one mined transaction went, from the node's opcode trace
 * ({@code debug_traceTransaction}, struct logs): per call frame, the gas its own opcodes used
 * (storage writes one by one, cold and warm reads, logs, hashing, transient storage, the rest), and
 * what each call cost the caller beyond the callee's own gas (account access, value transfer,
 * precompiles). Together with the intrinsic cost (21,000 + calldata) and the refund it adds up to
 * the receipt's {@code gasUsed}; {@link #print} says how exactly.
 */
final class GasTrace {

    private static final Set<String> CALLS = Set.of("CALL", "STATICCALL", "DELEGATECALL", "CALLCODE", "CREATE", "CREATE2");

    /** One call frame's own gas. */
    static final class Frame {
        final int depth;
        final String address;
        final String selector;
        final long startGas;
        long endRemaining;
        final Map<String, Long> categories = new LinkedHashMap<>();
        final List<String> storageWrites = new ArrayList<>();
        final List<Frame> children = new ArrayList<>();
        /** the call that opened a child: its log index, and the child (null for precompiles and code-less accounts) */
        private JsonNode pendingCall;

        Frame(int depth, String address, String selector, long startGas) {
            this.depth = depth;
            this.address = address;
            this.selector = selector;
            this.startGas = startGas;
        }

        long used() {
            return startGas - endRemaining;
        }

        long self() {
            return categories.values().stream().mapToLong(Long::longValue).sum();
        }

        void add(String category, long gas) {
            categories.merge(category, gas, Long::sum);
        }
    }

    final Frame root;
    final long execution;
    final int steps;
    /** the node's refund counter after the last opcode (before the EIP-3529 cap) */
    final long refundCounter;

    private GasTrace(Frame root, long execution, int steps, long refundCounter) {
        this.root = root;
        this.execution = execution;
        this.steps = steps;
        this.refundCounter = refundCounter;
    }

    /**
     * Traces a mined transaction.
     *
     * @param to    the transaction's {@code to}
     * @param input its calldata, hex
     */
    static GasTrace of(JsonRpcClient rpc, String txHash, String to, String input) {
        JsonNode result = rpc.call("debug_traceTransaction", txHash,
                Map.of("disableStorage", true, "enableMemory", true, "disableStack", false)).join();
        JsonNode logs = result.path("structLogs");
        if (!logs.isArray() || logs.isEmpty()) {
            throw new IllegalStateException("the node returned no struct logs for " + txHash);
        }
        String hex = strip(input);
        Frame root = new Frame(1, to.toLowerCase(Locale.ROOT), hex.length() >= 8 ? hex.substring(0, 8) : "", logs.get(0).path("gas").asLong());
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(root);
        int n = logs.size();
        for (int i = 0; i < n; i++) {
            JsonNode log = logs.get(i);
            Frame frame = frames.peek();
            String op = log.path("op").asText();
            long gas = log.path("gas").asLong();
            long cost = log.path("gasCost").asLong();
            JsonNode next = i + 1 < n ? logs.get(i + 1) : null;
            int depth = log.path("depth").asInt();
            if (CALLS.contains(op) && next != null) {
                JsonNode stack = log.path("stack");
                String target = op.startsWith("CREATE") ? "(create)" : address(word(stack, 1));
                if (next.path("depth").asInt() == depth + 1) {
                    Frame child = new Frame(depth + 1, target, selector(log, op), next.path("gas").asLong());
                    frame.children.add(child);
                    frame.pendingCall = log;
                    frames.push(child);
                    continue;
                }
                // a precompile or an account without code: the call's whole cost is the caller's
                frame.add(callLabel(op, target, word(stack, 2)), gas - next.path("gas").asLong());
                continue;
            }
            switch (op) {
                case "SSTORE" -> {
                    JsonNode stack = log.path("stack");
                    frame.add("SSTORE", cost);
                    frame.storageWrites.add(String.format("%,7d  slot %s <- %s", cost, shortWord(word(stack, 0)),
                            shortWord(word(stack, 1))));
                }
                case "SLOAD" -> frame.add(cost >= 2_100 ? "SLOAD cold" : "SLOAD warm", cost);
                case "LOG0", "LOG1", "LOG2", "LOG3", "LOG4" -> frame.add("LOG (events)", cost);
                case "KECCAK256" -> frame.add("KECCAK256", cost);
                case "TLOAD", "TSTORE" -> frame.add("TLOAD/TSTORE (reentrancy guard)", cost);
                case "BALANCE", "EXTCODESIZE", "EXTCODEHASH", "EXTCODECOPY", "SELFBALANCE" -> frame.add("account reads", cost);
                default -> frame.add("other opcodes", cost);
            }
            if (next == null || next.path("depth").asInt() < depth) {
                // the frame ends with this opcode (its cost is in the categories above)
                frame.endRemaining = gas - cost;
                frames.pop();
                Frame parent = frames.peek();
                if (parent != null && next != null) {
                    JsonNode call = parent.pendingCall;
                    long overhead = call.path("gas").asLong() - next.path("gas").asLong() - frame.used();
                    parent.add("call to " + frame.address.substring(0, 10) + "… (access, value, memory; callee's own gas excluded)",
                            overhead);
                    parent.pendingCall = null;
                }
            }
        }
        long execution = root.used();
        return new GasTrace(root, execution, n, logs.get(n - 1).path("refund").asLong());
    }

    /** Prints the frames, named with {@code names} (lower-case address or 8-hex-digit selector to name). */
    void print(PrintStream out, Map<String, String> names, long gasUsed, long intrinsic) {
        long refund = intrinsic + execution - gasUsed;
        out.printf("    %,d opcodes traced; gasUsed %,d = intrinsic %,d (21,000 + calldata) + execution %,d - refund %,d"
                + " (refund counter %,d, capped at a fifth)%n", steps, gasUsed, intrinsic, execution, refund, refundCounter);
        print(out, names, root, "    ");
    }

    private static void print(PrintStream out, Map<String, String> names, Frame f, String indent) {
        String who = names.getOrDefault(f.address, f.address);
        String fn = names.getOrDefault(f.selector, "0x" + f.selector);
        out.printf("%s%s.%s: %,d used, of which %,d by its own opcodes%n", indent, who, fn, f.used(), f.self());
        for (Map.Entry<String, Long> e : f.categories.entrySet()) {
            String label = e.getKey();
            for (Map.Entry<String, String> n : names.entrySet()) {
                if (n.getKey().startsWith("0x") && label.contains(n.getKey().substring(0, 10) + "…")) {
                    label = label.replace(n.getKey().substring(0, 10) + "…", n.getValue());
                }
            }
            out.printf("%s    %-80s %,9d%n", indent, label, e.getValue());
        }
        for (String w : f.storageWrites) {
            out.printf("%s      SSTORE %s%n", indent, w);
        }
        for (Frame c : f.children) {
            print(out, names, c, indent + "    ");
        }
    }

    // ------------------------------------------------------------------ decoding

    private static String callLabel(String op, String target, String valueWord) {
        if (target.matches("0x0{39}[1-9a]")) {
            return op + " to precompile " + target.substring(target.length() - 2) + (target.endsWith("01") ? " (ecrecover)" : "");
        }
        boolean value = "CALL".equals(op) && !valueWord.replace("0", "").replace("x", "").isEmpty();
        return op + " to " + target.substring(0, 10) + "… (no code" + (value ? ", with value" : "") + ")";
    }

    /** The selector of a call's input, read from memory (empty if it cannot be read). */
    private static String selector(JsonNode log, String op) {
        JsonNode stack = log.path("stack");
        int offsetIndex = "CALL".equals(op) || "CALLCODE".equals(op) ? 3 : 2;
        if (op.startsWith("CREATE")) {
            return "";
        }
        long offset = Long.parseLong(strip(word(stack, offsetIndex)).replaceFirst("^0+(?=.)", ""), 16);
        StringBuilder mem = new StringBuilder();
        for (JsonNode w : log.path("memory")) {
            mem.append(strip(w.asText()));
        }
        int from = (int) offset * 2;
        return mem.length() >= from + 8 ? mem.substring(from, from + 8) : "";
    }

    /** Stack word {@code fromTop} (0 = top), as 64 hex digits with 0x. */
    private static String word(JsonNode stack, int fromTop) {
        String s = strip(stack.get(stack.size() - 1 - fromTop).asText());
        return "0x" + "0".repeat(Math.max(0, 64 - s.length())) + s;
    }

    private static String address(String word) {
        return "0x" + word.substring(word.length() - 40).toLowerCase(Locale.ROOT);
    }

    private static String shortWord(String word) {
        String s = strip(word).replaceFirst("^0+(?=.)", "");
        return s.length() > 16 ? "0x" + s.substring(0, 8) + "…" + s.substring(s.length() - 6) : "0x" + s;
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
