package dev.lectern.platform.deploy;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service JVM may take at most under a container memory limit, from its {@code JAVA_TOOL_OPTIONS}:
 * heap (a percentage of the limit) plus every bounded non-heap pool plus an allowance for thread stacks and
 * the JVM's own native memory (GC structures, JIT, malloc). An unbounded pool is an error: it could take
 * the container past its limit.
 */
record JvmMemoryBudget(double heapPercent, long metaspaceMib, long codeCacheMib, long directMib, long stackKib) {

    /** Threads a service runs at most in practice (Tomcat's 200 are a ceiling that is never all busy here). */
    static final int THREADS = 128;
    /** GC remembered sets, JIT compiler arenas, symbol tables, malloc arenas. */
    static final long NATIVE_OVERHEAD_MIB = 64;

    private static final Pattern OPTION = Pattern.compile("-(?:XX:)?(MaxRAMPercentage=|MaxMetaspaceSize=|"
            + "ReservedCodeCacheSize=|MaxDirectMemorySize=|Xss)(\\S+)");

    static JvmMemoryBudget of(String javaToolOptions) {
        Map<String, String> values = new HashMap<>();
        Matcher m = OPTION.matcher(javaToolOptions);
        while (m.find()) {
            values.put(m.group(1).replace("=", ""), m.group(2));
        }
        for (String required : new String[] {"MaxRAMPercentage", "MaxMetaspaceSize", "ReservedCodeCacheSize",
                "MaxDirectMemorySize", "Xss"}) {
            if (!values.containsKey(required)) {
                throw new AssertionError("JAVA_TOOL_OPTIONS must bound " + required + ": " + javaToolOptions);
            }
        }
        return new JvmMemoryBudget(Double.parseDouble(values.get("MaxRAMPercentage")),
                kib(values.get("MaxMetaspaceSize")) / 1024, kib(values.get("ReservedCodeCacheSize")) / 1024,
                kib(values.get("MaxDirectMemorySize")) / 1024, kib(values.get("Xss")));
    }

    long heapMebibytes(long limitMib) {
        return (long) (limitMib * heapPercent / 100);
    }

    long worstCaseMebibytes(long limitMib) {
        return heapMebibytes(limitMib) + metaspaceMib + codeCacheMib + directMib + THREADS * stackKib / 1024
                + NATIVE_OVERHEAD_MIB;
    }

    /** A JVM size ({@code 512k}, {@code 96m}, {@code 1g}) in KiB. */
    private static long kib(String size) {
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        long number = Long.parseLong(Character.isDigit(unit) ? size : size.substring(0, size.length() - 1));
        return switch (unit) {
            case 'k' -> number;
            case 'm' -> number * 1024;
            case 'g' -> number * 1024 * 1024;
            default -> number / 1024;
        };
    }
}
