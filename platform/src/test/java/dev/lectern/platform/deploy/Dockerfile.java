package dev.lectern.platform.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of the repository's {@code Dockerfile}, grouped by stage: enough of Docker's syntax for
 * what the file uses (line continuations, comments, {@code --flag=value} options, exec and shell forms).
 */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, Map<String, String> flags, String arguments) {

        /** Whitespace-separated words of the arguments (COPY sources and destination, ...). */
        List<String> words() {
            return Arrays.asList(arguments.strip().split("\\s+"));
        }
    }

    record Stage(String name, String baseImage, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
        }

        /** COPY instructions that take their sources from the build context (no {@code --from}). */
        List<Instruction> contextCopies() {
            return all("COPY").stream().filter(copy -> !copy.flags().containsKey("from")).toList();
        }

        String workdir() {
            return last("WORKDIR").map(Instruction::arguments).orElse("/");
        }
    }

    private static final Pattern FLAG = Pattern.compile("^--([a-z-]+)=(\\S+)\\s+");
    private static final Pattern FROM = Pattern.compile("(?i)^(\\S+)(?:\\s+AS\\s+(\\S+))?$");

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (String logicalLine : logicalLines(text)) {
            String[] split = logicalLine.split("\\s+", 2);
            String keyword = split[0].toUpperCase();
            String rest = split.length > 1 ? split[1] : "";
            Map<String, String> flags = new java.util.LinkedHashMap<>();
            Matcher flag;
            while ((flag = FLAG.matcher(rest)).find()) {
                flags.put(flag.group(1), flag.group(2));
                rest = rest.substring(flag.end());
            }
            if (keyword.equals("FROM")) {
                Matcher from = FROM.matcher(rest.strip());
                if (!from.matches()) {
                    throw new IllegalArgumentException("unreadable FROM: " + logicalLine);
                }
                current = new ArrayList<>();
                stages.add(new Stage(from.group(2), from.group(1), current));
            } else if (current != null) {
                current.add(new Instruction(keyword, flags, rest.strip()));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in the Dockerfile"));
    }

    Stage finalStage() {
        return stages.getLast();
    }

    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            lines.add(pending.toString().strip());
            pending.setLength(0);
        }
        if (!pending.isEmpty()) {
            lines.add(pending.toString().strip());
        }
        return lines;
    }
}
