package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.hashmix.core.erc20.Erc20Client;
import io.hashmix.core.internal.ClientContext;
import io.hashmix.core.internal.Domain;
import io.hashmix.core.internal.Domains;
import io.hashmix.core.rpc.JsonRpcClient;
import io.hashmix.core.tx.ContractCalls;

/**
 * Client constructors that take wiring types are not public API (issue #14): a client is built by
 * {@link HashMix} (through {@link Domains}) from an {@link ClientContext}, which lives in
 * {@code io.hashmix.core.internal}, a package applications may not use (the examples' ModuleBoundariesTest
 * fails if they do). So an application written like the examples cannot build a client by hand around
 * the SDK's plumbing; it gets clients from {@code HashMix.builder()...build()} and its accessors.
 *
 * <p>Checked by reflection on hashmix-core's compiled classes, in the client packages: the package of
 * every domain client {@link Domains} registers, and {@code erc20}. Two rules:
 * <ol>
 *   <li>no public or protected constructor of a public class there has a parameter whose type (or a type
 *       argument of it) is a wiring type: a type {@link ClientContext} holds ({@code Deployment},
 *       {@code ContractCalls}, {@code TransactionSender}, {@code LogReader}), {@link Erc20Client} (built from the
 *       context) or {@link JsonRpcClient} (what the plumbing talks through). Public clients as parameters
 *       are fine ({@code SwapRouter(SwapClient, MarketClient)} composes clients HashMix handed out);</li>
 *   <li>every public or protected constructor of a public {@code *Client} class there takes only types of
 *       {@code io.hashmix.core.internal}, so wiring that is not listed above cannot slip in either.</li>
 * </ol>
 */
class ClientConstructorsTest {

    private static final String INTERNAL = "io.hashmix.core.internal.";

    /** The types a client is wired from. */
    static Set<Class<?>> wiringTypes() {
        Set<Class<?>> wiring = new LinkedHashSet<>();
        for (RecordComponent c : ClientContext.class.getRecordComponents()) {
            wiring.add(c.getType());
        }
        wiring.add(Erc20Client.class);
        wiring.add(JsonRpcClient.class);
        return wiring;
    }

    /** The client packages: every domain client's (read from {@link Domains}' fields), and erc20's. */
    static Set<String> clientPackages() {
        Set<String> packages = new TreeSet<>();
        for (Class<?> client : domainClients()) {
            packages.add(client.getPackageName());
        }
        packages.add(Erc20Client.class.getPackageName());
        return packages;
    }

    /** The client classes {@link Domains} registers, from its {@code Domain<XClient>} fields. */
    static Set<Class<?>> domainClients() {
        Set<Class<?>> clients = new LinkedHashSet<>();
        for (Field f : Domains.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Domain.class
                    && f.getGenericType() instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                clients.add(c);
            }
        }
        return clients;
    }

    /** What is wrong with the public and protected constructors of a class (empty if nothing). */
    static List<String> violations(Class<?> type, Set<Class<?>> wiring) {
        List<String> found = new ArrayList<>();
        boolean client = type.getSimpleName().endsWith("Client");
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            int m = constructor.getModifiers();
            if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
                continue;
            }
            Set<Class<?>> mentioned = new LinkedHashSet<>();
            Arrays.stream(constructor.getParameterTypes()).forEach(mentioned::add);
            Arrays.stream(constructor.getGenericParameterTypes()).forEach(t -> collect(t, mentioned));
            for (Class<?> t : mentioned) {
                if (wiring.contains(t)) {
                    found.add(constructor + " takes the wiring type " + t.getName()
                            + ": applications could build it by hand around HashMix. Take an " + INTERNAL
                            + "ClientContext instead (HashMix builds clients through Domains), or make the constructor "
                            + "package-private");
                }
            }
            if (client) {
                for (Class<?> t : constructor.getParameterTypes()) {
                    if (!t.getName().startsWith(INTERNAL)) {
                        found.add(constructor + " is a client constructor that takes " + t.getName()
                                + ", which is not in " + INTERNAL + "*: a client is built only from an " + INTERNAL
                                + "ClientContext (by HashMix), so it cannot be wired by hand");
                    }
                }
            }
        }
        return found;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    /** The classes a (generic) type names: itself, its type arguments, bounds and array components. */
    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c) {
            into.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> collect(a, into));
        } else if (type instanceof WildcardType w) {
            Arrays.stream(w.getUpperBounds()).forEach(b -> collect(b, into));
            Arrays.stream(w.getLowerBounds()).forEach(b -> collect(b, into));
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), into);
        }
    }

    /** The binary names of hashmix-core's compiled classes in one package (not its subpackages). */
    static List<String> classesIn(String pkg) {
        Path root;
        try {
            root = Path.of(HashMix.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String dir = pkg.replace('.', '/') + "/";
        List<String> entries = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.list(root.resolve(dir))) {
                    files.forEach(f -> entries.add(dir + f.getFileName()));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(dir) && n.indexOf('/', dir.length()) < 0)
                            .forEach(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries.stream().filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
    }

    @Test
    void clientsAreBuiltOnlyFromTheInternalContext() throws ClassNotFoundException {
        Set<Class<?>> wiring = wiringTypes();
        List<String> found = new ArrayList<>();
        Set<Class<?>> clientsSeen = new LinkedHashSet<>();
        int classes = 0;
        for (String pkg : clientPackages()) {
            for (String name : classesIn(pkg)) {
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                classes++;
                if (!isPublicApi(type)) {
                    continue;
                }
                if (type.getSimpleName().endsWith("Client")) {
                    clientsSeen.add(type);
                }
                found.addAll(violations(type, wiring));
            }
        }
        // the scan must have seen every registered client and the wiring, or it proves nothing
        Set<Class<?>> expected = new LinkedHashSet<>(domainClients());
        expected.add(Erc20Client.class);
        assertTrue(domainClients().size() >= 9, "Domains registers only " + domainClients());
        assertTrue(clientsSeen.containsAll(expected), "scanned " + classes + " classes, clients seen " + clientsSeen
                + ", expected " + expected);
        assertTrue(wiring.contains(ContractCalls.class) && wiring.size() >= 6, "wiring types: " + wiring);
        if (!found.isEmpty()) {
            Collections.sort(found);
            fail("client constructors that take wiring types are public API; they must not be (issue #14, "
                    + "docs/architecture.md, \"Module boundaries and JPMS\"):\n  " + String.join("\n  ", found));
        }
    }

    /** A class an application could wire by hand. */
    public static final class HandWired {
        /** Wired from plumbing an application can get from HashMix. */
        public HandWired(ContractCalls calls, List<? extends Erc20Client> erc20) {
        }
    }

    /** A client built from something that is not internal. */
    public static final class StrayClient {
        /** Not internal. */
        public StrayClient(String url) {
        }

        /** Package-private constructors are not API. */
        StrayClient(ContractCalls calls) {
        }
    }

    @Test
    void theRulesCatchWhatTheyForbid() {
        Set<Class<?>> wiring = wiringTypes();
        List<String> handWired = violations(HandWired.class, wiring);
        assertEquals(2, handWired.size(), handWired.toString());
        assertTrue(handWired.get(0).contains(ContractCalls.class.getName()), handWired.get(0));
        assertTrue(handWired.get(1).contains(Erc20Client.class.getName()), handWired.get(1)); // a type argument
        List<String> stray = violations(StrayClient.class, wiring);
        assertEquals(1, stray.size(), stray.toString());
        assertTrue(stray.get(0).contains("java.lang.String"), stray.get(0));
    }
}
