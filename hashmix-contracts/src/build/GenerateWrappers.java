import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.web3j.codegen.SolidityFunctionWrapperGenerator;
import org.web3j.tx.Contract;

/**
 * Build tool, never shipped: generates a web3j wrapper for every {@code .abi}/{@code .bin} pair of a
 * folder, in one JVM, quietly. hashmix-contracts' pom runs it with the Java source launcher
 * ({@code java -cp <codegen> GenerateWrappers.java <artifacts> <out> <package>}) so that web3j codegen
 * stays off every project classpath.
 *
 * <p>web3j's generator talks on standard output ("Generating ...", "File written to ...", and a warning
 * about ERC-721's two {@code safeTransferFrom} overloads sharing one {@code FUNC_} constant, which is
 * how web3j names overloads and is harmless). Those lines are dropped; anything else it prints is
 * passed on to standard error, and all of it is shown if generation fails.
 *
 * <p>Options are web3j's defaults ({@code SolidityFunctionWrapperGenerator} without flags): Java
 * native types, no primitive types, 20-byte addresses, calls and sends not both generated.
 */
public final class GenerateWrappers {

    /** What web3j prints on every successful run. */
    private static final List<Pattern> NOISE = List.of(
            Pattern.compile("^\\s*$"),
            Pattern.compile("^Generating \\S+ \\.\\.\\. ?(File written to .*)?$"),
            Pattern.compile("^File written to .*$"),
            Pattern.compile("^Warning: Duplicate field\\(s\\) found: \\[FUNC_SAFETRANSFERFROM\\]\\..*$"));

    private GenerateWrappers() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GenerateWrappers <artifacts dir> <output dir> <package>");
            System.exit(2);
        }
        Path artifacts = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String pkg = args[2];
        List<Path> abis;
        try (Stream<Path> files = Files.list(artifacts)) {
            abis = files.filter(p -> p.getFileName().toString().endsWith(".abi")).sorted().toList();
        }
        if (abis.isEmpty()) {
            throw new IllegalStateException("no .abi files in " + artifacts);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream chatter = new ByteArrayOutputStream();
        System.setOut(new PrintStream(chatter, true, StandardCharsets.UTF_8));
        try {
            for (Path abi : abis) {
                String name = abi.getFileName().toString().replaceFirst("\\.abi$", "");
                Path bin = artifacts.resolve(name + ".bin");
                if (!Files.isRegularFile(bin)) {
                    throw new IllegalStateException(abi + " has no " + bin.getFileName() + " beside it");
                }
                new SolidityFunctionWrapperGenerator(bin.toFile(), abi.toFile(), out.toFile(), name, pkg,
                        true, false, false, Contract.class, 20, false).generate();
            }
        } catch (Exception | Error e) {
            System.setOut(stdout);
            System.err.print(chatter.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(stdout);
        }
        chatter.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> NOISE.stream().noneMatch(p -> p.matcher(line).matches()))
                .forEach(line -> System.err.println("web3j codegen: " + line));
    }
}
