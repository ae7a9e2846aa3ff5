package io.hashmix.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;

import io.hashmix.core.errors.ContractRevertException;
import io.hashmix.core.errors.CustomErrorException;
import io.hashmix.core.errors.ZeroAddressException;

/**
 * Every custom error a HashMix contract declares (under {@code contracts/src}, dev-only contracts excluded)
 * decodes to a typed exception: a new error added to a contract without its exception class and registration
 * fails here. Errors of the libraries the contracts build on (OpenZeppelin's {@code ERC721InsufficientApproval},
 * {@code EnforcedPause}, ...) decode to a plain {@link CustomErrorException} with their name and arguments.
 */
class ProtocolErrorsTest {

    private static final Path CONTRACT_SOURCES = Path.of("..", "contracts", "src");
    private static final Pattern ERROR_DECLARATION = Pattern.compile("\\berror\\s+(\\w+)\\s*\\(");

    @Test
    void everyErrorDeclaredByAProtocolContractHasATypedException() {
        Set<String> declared = declaredErrorNames();
        assertTrue(declared.size() > 50, "found only " + declared + " under " + CONTRACT_SOURCES.toAbsolutePath());

        SortedSet<String> untyped = new TreeSet<>();
        for (String signature : ProtocolErrors.builder().unmapped()) {
            if (declared.contains(signature.substring(0, signature.indexOf('(')))) {
                untyped.add(signature);
            }
        }

        assertEquals(Set.of(), untyped,
                "errors without a typed exception: add a CustomErrorException subclass and map it in the domain's *Errors class");
    }

    @Test
    void aLibraryErrorDecodesWithItsNameAndArguments() {
        String data = FunctionEncoder.encode(new Function("EnforcedPause", List.of(), List.of()));

        ContractRevertException e = ProtocolErrors.decoder().decode("pause check", data);

        CustomErrorException custom = assertInstanceOf(CustomErrorException.class, e);
        assertEquals("EnforcedPause", custom.errorName());
        assertEquals(CustomErrorException.class, custom.getClass(), "library errors have no typed class of their own");
    }

    @Test
    void anErrorIsMappedToOneExceptionTypeOnly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ProtocolErrors.builder()
                .map("ZeroAddress()", ZeroAddressException::new));

        assertTrue(e.getMessage().contains("ZeroAddress()"), e.getMessage());
    }

    private static Set<String> declaredErrorNames() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CONTRACT_SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".sol"))
                    .filter(p -> !CONTRACT_SOURCES.relativize(p).startsWith("dev")).toList()) {
                Matcher m = ERROR_DECLARATION.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
