package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The runtime classpath a user of hashmix-core gets stays lean: at most {@link #MAX_ENTRIES} jars and
 * {@link #MAX_BYTES} bytes, and none of the libraries web3j drags in that the SDK never loads (a
 * backend's own netty or vert.x would clash with them). The classpath is the one
 * {@code mvn dependency:build-classpath -pl hashmix-core -DincludeScope=runtime} prints, written to
 * {@code target/runtime-classpath.txt} by this module's build. Figures and the reasons for each
 * exclusion: docs/benchmarks.md, "Runtime classpath".
 */
class RuntimeClasspathTest {

    /** The limit on the number of jars (hashmix-core's dependencies, as the command above counts them). */
    static final int MAX_ENTRIES = 25;

    /** The limit on their size: 25 MiB. */
    static final long MAX_BYTES = 25L * 1024 * 1024;

    /** Path fragments (Maven repository layout) of what must never come back. */
    private static final List<String> EXCLUDED = List.of(
            "/io/netty/", "/io/vertx/", "/com/github/jnr/", "/org/ow2/asm/", "/io/reactivex/",
            "/org/reactivestreams/", "/io/consensys/", "/org/connid/", "/org/java-websocket/",
            "/io/github/adraffy/", "/com/squareup/okhttp3/logging-interceptor/", "/software/amazon/");

    private static List<Path> runtimeClasspath() {
        Path file = Path.of(System.getProperty("basedir", "."), "target", "runtime-classpath.txt");
        assertTrue(Files.isRegularFile(file), file + " is missing: the build writes it (maven-dependency-plugin, "
                + "execution runtime-classpath) before the tests run");
        try {
            String text = Files.readString(file).strip();
            return Stream.of(text.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar's size; for a reactor module not yet packaged (a directory of classes), the sum of its files. */
    private static long size(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    return files.filter(Files::isRegularFile).mapToLong(RuntimeClasspathTest::size).sum();
                }
            }
            return Files.size(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String listing(List<Path> classpath) {
        return classpath.stream().map(p -> String.format(Locale.ROOT, "  %,12d  %s", size(p), p))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void atMost25JarsAnd25MiB() {
        List<Path> classpath = runtimeClasspath();
        long bytes = classpath.stream().mapToLong(RuntimeClasspathTest::size).sum();
        String summary = String.format(Locale.ROOT, "hashmix-core's runtime classpath: %d entries, %,d bytes (%.1f MiB); "
                + "limits %d entries, %,d bytes. Exclude what the SDK never loads (pom.xml, dependencyManagement) or raise "
                + "the limit with a reason in docs/benchmarks.md.%n%s",
                classpath.size(), bytes, bytes / 1048576.0, MAX_ENTRIES, MAX_BYTES, listing(classpath));
        assertTrue(classpath.size() <= MAX_ENTRIES, summary);
        assertTrue(bytes <= MAX_BYTES, summary);
        // the floor: a classpath that lost the SDK's real dependencies is a broken build, not a lean one
        assertTrue(classpath.stream().anyMatch(p -> p.toString().contains("bcprov")), summary);
        assertTrue(classpath.stream().anyMatch(p -> p.toString().contains("secp256k1-kmp-jni-jvm-linux")), summary);
    }

    @Test
    void noneOfWhatTheSdkNeverLoads() {
        List<Path> classpath = runtimeClasspath();
        List<Path> back = classpath.stream()
                .filter(p -> EXCLUDED.stream().anyMatch(x -> p.toString().replace(File.separatorChar, '/').contains(x)))
                .toList();
        if (!back.isEmpty()) {
            fail("excluded libraries are back on hashmix-core's runtime classpath (a new dependency brings them; "
                    + "exclude them where it is declared, and in hashmix-bom):\n" + listing(back));
        }
    }
}
