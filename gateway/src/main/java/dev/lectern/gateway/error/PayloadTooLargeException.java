package dev.lectern.gateway.error;

/** A request body went beyond the size allowed for its route. */
public final class PayloadTooLargeException extends RuntimeException {

    private final long limitBytes;

    public PayloadTooLargeException(long limitBytes) {
        super("Request body larger than " + limitBytes + " bytes", null, false, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
