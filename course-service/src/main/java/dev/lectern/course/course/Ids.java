package dev.lectern.course.course;

import dev.lectern.servicekit.problem.BadRequestException;
import java.util.UUID;

/** Ids arrive as text from paths and queries; anything but a UUID is a 400, never part of a query. */
public final class Ids {

    private Ids() {
    }

    public static String require(String value, String name) {
        return parse(value, name).toString();
    }

    public static UUID parse(String value, String name) {
        try {
            UUID id = UUID.fromString(value);
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(name + " must be a UUID.");
        }
    }
}
