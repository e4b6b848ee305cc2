package dev.lectern.platform.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** .env.example: the variables it lists, set ({@code NAME=}) or shown with their default ({@code # NAME=}). */
final class EnvExample {

    private static final Pattern VARIABLE = Pattern.compile("(?m)^#? ?([A-Z][A-Z0-9_]*)=");

    private EnvExample() {
    }

    static Set<String> variables() {
        Set<String> names = new TreeSet<>();
        Matcher m = VARIABLE.matcher(Repository.read(".env.example"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
