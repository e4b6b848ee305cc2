package dev.lectern.contracts.user;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.lectern.contracts.DomainEvent;
import dev.lectern.contracts.Topics;
import java.util.UUID;

/** The lifecycle of a user account, published by auth-service on {@link Topics#USERS}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event_type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UserRegistered.class, name = UserRegistered.TYPE),
        @JsonSubTypes.Type(value = UserRoleChanged.class, name = UserRoleChanged.TYPE),
        @JsonSubTypes.Type(value = UserDisabled.class, name = UserDisabled.TYPE),
        @JsonSubTypes.Type(value = UserEnabled.class, name = UserEnabled.TYPE)
})
public sealed interface UserEvent extends DomainEvent permits UserRegistered, UserRoleChanged, UserDisabled, UserEnabled {

    UUID userId();

    @Override
    default String key() {
        return userId().toString();
    }

    @Override
    default String topic() {
        return Topics.USERS;
    }
}
