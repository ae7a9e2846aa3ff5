package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The canary for the missing {@code module-info.java} (issue #14): the SDK's modules have no module
 * descriptors because web3j's jars split packages ({@code org.web3j.crypto} is in its {@code core},
 * {@code crypto} and {@code utils} jars, {@code org.web3j.utils} in {@code core} and {@code utils}), so no
 * named module can read them (LFDT-web3j/web3j issues #2071, #1399, #2126). This test checks that reason
 * instead of claiming it: it finds the web3j jars on the test classpath from classes known to live in each,
 * lists each jar's packages and fails once no package is in two of them, i.e. when web3j has fixed its
 * jars and real descriptors have become possible. See docs/architecture.md, "Module boundaries and JPMS".
 */
class Web3jSplitPackagesTest {

    /** Classes of each web3j jar the SDK uses (core, crypto, utils, abi, rlp), which locate the jars. */
    private static final List<String> ANCHORS = List.of(
            "org.web3j.protocol.Web3j", "org.web3j.crypto.WalletUtils", "org.web3j.utils.Async", // core
            "org.web3j.crypto.Credentials", "org.web3j.crypto.Sign",                              // crypto
            "org.web3j.crypto.Hash", "org.web3j.utils.Numeric",                                   // utils
            "org.web3j.abi.FunctionEncoder", "org.web3j.rlp.RlpEncoder");

    @Test
    void web3jStillSplitsPackagesAcrossItsJars() {
        Set<Path> jars = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String anchor : ANCHORS) {
            try {
                CodeSource source = Class.forName(anchor, false, getClass().getClassLoader()).getProtectionDomain().getCodeSource();
                jars.add(Path.of(source.getLocation().toURI()));
            } catch (ClassNotFoundException e) {
                missing.add(anchor);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        assertTrue(jars.stream().allMatch(Files::isRegularFile), "web3j is expected as jars on the test classpath: " + jars);
        // package -> the jars holding classes of it
        Map<String, Set<String>> holders = new TreeMap<>();
        for (Path jar : jars) {
            for (String pkg : packages(jar)) {
                holders.computeIfAbsent(pkg, p -> new TreeSet<>()).add(jar.getFileName().toString());
            }
        }
        Map<String, Set<String>> split = new TreeMap<>(holders);
        split.values().removeIf(in -> in.size() < 2);
        if (split.isEmpty()) {
            fail("web3j's jars no longer split a package (" + jars.stream().map(j -> j.getFileName().toString())
                    .collect(Collectors.joining(", ")) + (missing.isEmpty() ? "" : "; classes no longer found: " + missing)
                    + "). The reason the SDK has no module-info.java is gone: add real module-info.java descriptors to "
                    + "hashmix-proofs, hashmix-contracts, hashmix-core and hashmix-testing (the generated wrappers exported "
                    + "only to io.hashmix.core, the internal packages not exported; names as their Automatic-Module-Name), "
                    + "update docs/architecture.md, \"Module boundaries and JPMS\", and delete this test. If web3j's "
                    + "classes merely moved, point ANCHORS at classes of each jar it still ships.");
        }
    }

    /** The packages of the classes in a jar. */
    private static Set<String> packages(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && n.contains("/") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
