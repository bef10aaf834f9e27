package dev.warden.manager.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bearer token an MCP client shows on every request to {@code warden serve --http}: 32 random bytes,
 * base64url without padding (43 characters). It never shows itself in {@link #toString()}, so it does not end
 * up in a log or an error message by accident; {@link #value()} is for the token file and {@code --show-token}.
 */
public final class GatewayToken {

    private static final int BYTES = 32;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final String value;

    private GatewayToken(String value) {
        this.value = value;
    }

    /** A new token from {@code random}. */
    public static GatewayToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new GatewayToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** @return the token written as {@code text}, or empty if it is not 43 base64url characters */
    public static Optional<GatewayToken> parse(String text) {
        Objects.requireNonNull(text, "text");
        return FORM.matcher(text).matches() ? Optional.of(new GatewayToken(text)) : Optional.empty();
    }

    /**
     * Compares in time that does not depend on where {@code presented} differs, so answers cannot be timed to
     * guess the token a character at a time. (A different length returns at once; every token's length is 43.)
     *
     * @return whether {@code presented} is this token
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the token itself; for the token file and for a person who asked to see it */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GatewayToken token && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), token.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** @return a placeholder, never the token */
    @Override
    public String toString() {
        return "GatewayToken[hidden]";
    }
}
