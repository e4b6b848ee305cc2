package dev.lectern.auth.user;

import dev.lectern.contracts.user.Role;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Roles are stored in their wire form ({@code admin}, {@code instructor}, {@code student}). */
@Converter
class RoleAttributeConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.wireName();
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.fromWireName(value);
    }
}
