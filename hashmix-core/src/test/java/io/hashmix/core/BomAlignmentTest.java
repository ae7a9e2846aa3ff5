package io.hashmix.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * hashmix-bom gives a user what the build itself uses: every published module, and each third-party
 * library it manages at the parent's version with the parent's exclusions (the lean runtime
 * classpath). The BOM is a standalone pom, so nothing but this test keeps the two in step.
 */
class BomAlignmentTest {

    /** Modules that are built but not published for users. */
    private static final Set<String> UNPUBLISHED = Set.of("hashmix-bom", "hashmix-examples", "hashmix-benchmarks");

    private record Managed(String version, Set<String> exclusions) {
    }

    private static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> props = new HashMap<>();
        Element p = child(pom.getDocumentElement(), "properties");
        if (p != null) {
            for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    props.put(e.getTagName(), e.getTextContent().strip());
                }
            }
        }
        return props;
    }

    private static String resolve(String value, Map<String, String> props) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(props.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** groupId:artifactId[:type] -> version and exclusions, from a pom's dependencyManagement. */
    private static Map<String, Managed> managed(Document pom) {
        Map<String, String> props = properties(pom);
        Map<String, Managed> out = new LinkedHashMap<>();
        Element dm = child(pom.getDocumentElement(), "dependencyManagement");
        NodeList deps = child(dm, "dependencies").getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String type = text(d, "type");
            String key = text(d, "groupId") + ":" + text(d, "artifactId") + (type == null ? "" : ":" + type);
            Set<String> exclusions = new TreeSet<>();
            Element ex = child(d, "exclusions");
            if (ex != null) {
                NodeList list = ex.getElementsByTagName("exclusion");
                for (int j = 0; j < list.getLength(); j++) {
                    Element x = (Element) list.item(j);
                    exclusions.add(text(x, "groupId") + ":" + text(x, "artifactId"));
                }
            }
            out.put(key, new Managed(resolve(text(d, "version"), props), exclusions));
        }
        return out;
    }

    @Test
    void everyThirdPartyEntryOfTheBomMatchesTheParent() throws Exception {
        Map<String, Managed> parent = managed(parse(root().resolve("pom.xml")));
        Map<String, Managed> bom = managed(parse(root().resolve("hashmix-bom/pom.xml")));
        int thirdParty = 0;
        for (Map.Entry<String, Managed> e : bom.entrySet()) {
            if (e.getKey().startsWith("io.hashmix:")) {
                continue;
            }
            thirdParty++;
            Managed p = parent.get(e.getKey());
            assertNotNull(p, "hashmix-bom manages " + e.getKey() + " but the parent pom does not");
            assertEquals(p, e.getValue(), "hashmix-bom and the parent pom disagree on " + e.getKey());
        }
        assertFalse(thirdParty == 0, "hashmix-bom manages no third-party library: the lean classpath is not in it");
        // what the BOM must carry: the libraries whose exclusions make the classpath lean
        for (String key : Set.of("org.web3j:core", "org.web3j:crypto", "com.squareup.okhttp3:okhttp")) {
            assertNotNull(bom.get(key), "hashmix-bom must manage " + key + " with the parent's exclusions");
        }
    }

    @Test
    void theBomListsEveryPublishedModule() throws Exception {
        Document parentPom = parse(root().resolve("pom.xml"));
        Set<String> published = new TreeSet<>();
        NodeList modules = child(parentPom.getDocumentElement(), "modules").getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            if (!UNPUBLISHED.contains(module)) {
                published.add(module);
            }
        }
        Set<String> inBom = new TreeSet<>();
        for (String key : managed(parse(root().resolve("hashmix-bom/pom.xml"))).keySet()) {
            if (key.startsWith("io.hashmix:")) {
                inBom.add(key.split(":")[1]);
            }
        }
        assertEquals(published, inBom, "hashmix-bom must list exactly the published modules");
    }
}
