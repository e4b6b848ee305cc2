package dev.lectern.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CI proves the README: it runs the README's test command exactly as written, with no JAVA_HOME of its own. */
class ReadmeCommandsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void ciRunsTheReadmesTestCommandVerbatim() throws IOException {
        String testCommand = readmeCommand("# run every test");

        assertThat(testCommand).startsWith("./mvnw ");
        assertThat(Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::strip))
                .as(".ci/run runs the README's test command as written")
                .contains(testCommand);
    }

    @Test
    void ciLeavesTheJdkChoiceToTheBuild() throws IOException {
        List<String> commands = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(line -> !line.startsWith("#")).toList();

        assertThat(commands).noneMatch(line -> line.contains("JAVA_HOME"));
        assertThat(Files.readString(ROOT.resolve("pom.xml")))
                .as("the root pom selects a JDK >= 21 toolchain, so Maven itself may run on an older java")
                .contains("<goal>select-jdk-toolchain</goal>")
                .contains("<version>[21,)</version>");
    }

    /** The command on the README's line that carries {@code comment}, in its first shell block. */
    private static String readmeCommand(String comment) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = lines.indexOf("```bash");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.equals("```")) {
                break;
            }
            if (line.contains(comment)) {
                return line.substring(0, line.indexOf('#')).strip();
            }
        }
        throw new AssertionError("README.md's first ```bash block has no line with '" + comment + "'");
    }
}
