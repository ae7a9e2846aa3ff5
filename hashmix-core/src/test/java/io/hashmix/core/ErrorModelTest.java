package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.hashmix.HashMixException;
import io.hashmix.core.tx.TransactionNotSentException;

/**
 * The error model of docs/errors.md, held by construction: every exception class the SDK's modules
 * declare extends {@link HashMixException}; client operations never throw or complete a future with a
 * bare {@link IllegalArgumentException}/{@link IllegalStateException}; {@link Blocking#await} throws
 * the typed exception itself.
 */
class ErrorModelTest {

    private static final List<Path> MAIN_SOURCES = List.of(
            Path.of("..", "hashmix-proofs", "src", "main", "java"),
            Path.of("..", "hashmix-contracts", "src", "main", "java"),
            Path.of("src", "main", "java"));

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern EXCEPTION_CLASS = Pattern.compile(
            "\\b(?:public\\s+|protected\\s+|private\\s+)?(?:static\\s+)?(?:final\\s+|abstract\\s+)*class\\s+(\\w+Exception)\\b");

    @Test
    void everyExceptionTheModulesDeclareExtendsTheRoot() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            for (Path file : javaFiles(root)) {
                String source = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find()) {
                    continue;
                }
                String top = file.getFileName().toString().replace(".java", "");
                Matcher m = EXCEPTION_CLASS.matcher(source);
                while (m.find()) {
                    String simple = m.group(1);
                    String binary = pkg.group(1) + "." + (simple.equals(top) ? simple : top + "$" + simple);
                    Class<?> type = Class.forName(binary);
                    checked.add(binary);
                    if (!HashMixException.class.isAssignableFrom(type)) {
                        outside.add(binary + " extends " + type.getSuperclass().getName());
                    }
                }
            }
        }
        // the scan must have seen the modules' own types, or it proves nothing
        assertTrue(checked.contains("io.hashmix.proofs.attestation.ProofJsonException"), checked.toString());
        assertTrue(checked.contains("io.hashmix.contracts.DeploymentManifestException"), checked.toString());
        assertTrue(checked.contains("io.hashmix.core.tx.TransactionNotSentException"), checked.toString());
        assertTrue(checked.size() > 200, "only " + checked.size() + " exception types found");
        assertEquals(List.of(), outside, "exception types outside the HashMixException root");
    }

    @Test
    void clientOperationsRaiseTypedErrorsNotBareIllegalArgumentOrState() throws IOException {
        Pattern bare = Pattern.compile("new Illegal(?:Argument|State)Exception\\(");
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(MAIN_SOURCES.get(2))) {
            String name = file.getFileName().toString();
            // the protocol's clients; JsonRpcClient is transport, its builder's URL check is configuration
            if (!name.endsWith("Client.java") || file.getParent().endsWith("rpc")) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (bare.matcher(lines.get(i)).find()) {
                    found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found, "client operations must raise InvalidRequestException or another HashMixException");
    }

    @Test
    void awaitThrowsTheTypedExceptionItself() {
        InvalidRequestException typed = new InvalidRequestException("units must be a uint256");
        assertSame(typed, assertThrows(InvalidRequestException.class,
                () -> Blocking.await(CompletableFuture.failedFuture(typed))));
        // however deeply the chain wrapped it
        CompletableFuture<String> chained = CompletableFuture.<String>failedFuture(typed).thenApply(s -> s + "!");
        assertSame(typed, assertThrows(InvalidRequestException.class, () -> Blocking.await(chained)));
        CompletableFuture<String> wrapped = CompletableFuture.failedFuture(
                new CompletionException(new ExecutionException(typed)));
        assertSame(typed, assertThrows(InvalidRequestException.class, () -> Blocking.await(wrapped)));
        assertEquals("ok", Blocking.await(CompletableFuture.completedFuture("ok")));
    }

    @Test
    void awaitWrapsACheckedCauseInTheRootAndKeepsCancellation() {
        IOException checked = new IOException("disk gone");
        HashMixException e = assertThrows(HashMixException.class,
                () -> Blocking.await(CompletableFuture.failedFuture(checked)));
        assertSame(checked, e.getCause());
        assertFalse(e.retryable());
        CompletableFuture<String> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertThrows(CancellationException.class, () -> Blocking.await(cancelled));
        AssertionError error = new AssertionError("bug");
        assertSame(error, assertThrows(AssertionError.class, () -> Blocking.await(CompletableFuture.failedFuture(error))));
    }

    @Test
    void anInterruptedWaitCancelsTheFutureAndKeepsTheInterrupt() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        try {
            HashMixException e = assertThrows(HashMixException.class, () -> Blocking.await(never));
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt status restored");
            assertTrue(never.isCancelled());
        } finally {
            Thread.interrupted(); // clear it for the next test
        }
    }

    @Test
    void invalidRequestOfKeepsTypedExceptionsAndWrapsTheRest() {
        TransactionNotSentException typed = new TransactionNotSentException("not sent", null, null);
        assertSame(typed, InvalidRequestException.of(typed));
        IllegalArgumentException bare = new IllegalArgumentException("units must be >= 0");
        HashMixException wrapped = InvalidRequestException.of(bare);
        assertInstanceOf(InvalidRequestException.class, wrapped);
        assertSame(bare, wrapped.getCause());
        assertEquals("units must be >= 0", wrapped.getMessage());
        assertFalse(wrapped.retryable());
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
