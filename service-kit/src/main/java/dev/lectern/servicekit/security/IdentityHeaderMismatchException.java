package dev.lectern.servicekit.security;

import org.springframework.security.core.AuthenticationException;

/** Identity headers that a verified token does not back. */
public class IdentityHeaderMismatchException extends AuthenticationException {

    public IdentityHeaderMismatchException(String message) {
        super(message);
    }
}
