package dev.lectern.servicekit.problem;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;

/** Turns Java property paths into the snake_case names clients send. */
final class JsonNames {

    private static final Snake SNAKE = new Snake();

    private static final class Snake extends PropertyNamingStrategies.SnakeCaseStrategy {
        String apply(String name) {
            return translate(name);
        }
    }

    private JsonNames() {
    }

    /** {@code lectures[0].videoTitle} becomes {@code lectures[0].video_title}. */
    static String snakeCasePath(String javaPath) {
        if (javaPath == null || javaPath.isEmpty()) {
            return javaPath;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : javaPath.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            int bracket = segment.indexOf('[');
            String name = bracket < 0 ? segment : segment.substring(0, bracket);
            out.append(SNAKE.apply(name));
            if (bracket >= 0) {
                out.append(segment, bracket, segment.length());
            }
        }
        return out.toString();
    }

    /** The JSON path of a Jackson failure, as the client wrote it: {@code items[2].role}; null when unknown. */
    static String pathOf(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }
}
