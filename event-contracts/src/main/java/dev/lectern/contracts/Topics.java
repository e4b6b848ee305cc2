package dev.lectern.contracts;

/** Kafka topic names. Each topic carries one family of events, keyed by the id of the aggregate it is about. */
public final class Topics {

    /** {@link dev.lectern.contracts.user.UserEvent}s from auth-service, keyed by user id. */
    public static final String USERS = "lectern.users.v1";

    private Topics() {
    }
}
