package dev.lectern.servicekit.problem;

/** One invalid input: {@code field} is the name the client used (snake_case JSON name, query or path parameter). */
public record FieldViolation(String field, String message) {
}
