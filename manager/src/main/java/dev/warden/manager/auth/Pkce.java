package dev.warden.manager.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One sign-in's secrets of its own: the PKCE verifier and its S256 challenge (RFC 7636), and the {@code state} the
 * browser's answer must carry back.
 */
record Pkce(String verifier, String challenge, String state) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static Pkce fresh() {
        String verifier = random(32);
        return new Pkce(verifier, s256(verifier), random(16));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    @Override
    public String toString() {
        return "Pkce[(hidden)]";
    }
}
