package dev.lectern.platform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The checkout these tests run in (the platform module's parent directory) and its Maven reactor. */
final class Repository {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The five services: each is a reactor module, a compose service and a chart service of this name. */
    static final List<String> SERVICES = List.of("gateway", "auth-service", "course-service", "media-service",
            "webhook-service");

    private static final String LECTERN_GROUP = "dev.lectern";

    private Repository() {
    }

    static String read(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relativePath) {
        return yamlText(read(relativePath));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yamlText(String text) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(text);
    }

    /** The {@code <modules>} of the root pom, in order. */
    static List<String> reactorModules() {
        Element modules = child(pom("pom.xml").getDocumentElement(), "modules");
        List<String> names = new ArrayList<>();
        NodeList list = modules.getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            names.add(list.item(i).getTextContent().strip());
        }
        return names;
    }

    /**
     * The reactor modules a module needs to build ({@code -am}), itself included: its {@code dev.lectern}
     * dependencies of any scope, transitively ({@code -DskipTests} still compiles the tests).
     */
    static Set<String> modulesToBuild(String module) {
        Set<String> seen = new LinkedHashSet<>();
        collect(module, true, seen);
        return seen;
    }

    /** The reactor modules in a module's jar at run time, itself included: its non-test {@code dev.lectern} dependencies. */
    static Set<String> runtimeModules(String module) {
        Set<String> seen = new LinkedHashSet<>();
        collect(module, false, seen);
        return seen;
    }

    private static void collect(String module, boolean withTests, Set<String> seen) {
        if (!seen.add(module)) {
            return;
        }
        Element dependencies = child(pom(module + "/pom.xml").getDocumentElement(), "dependencies");
        if (dependencies == null) {
            return;
        }
        NodeList list = dependencies.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            if (LECTERN_GROUP.equals(text(dependency, "groupId"))
                    && (withTests || !"test".equals(text(dependency, "scope")))) {
                collect(text(dependency, "artifactId"), withTests, seen);
            }
        }
    }

    private static Document pom(String relativePath) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(relativePath).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + relativePath, e);
        }
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
