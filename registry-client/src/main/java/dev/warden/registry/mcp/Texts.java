package dev.warden.registry.mcp;

/** Name rules for what a registry sends; unsafe characters are {@link dev.warden.io.UnsafeCharacters}' job. */
final class Texts {

    private Texts() {
    }

    static boolean hasWhitespace(String s) {
        return s.chars().anyMatch(Character::isWhitespace);
    }

    static boolean isEnvName(String name) {
        if (name.isEmpty() || name.length() > 128 || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_');
    }

    /** An HTTP header name (RFC 9110 token characters Warden accepts): letters, digits and '-', at most 128. */
    static boolean isHeaderName(String name) {
        return !name.isEmpty() && name.length() <= 128
                && name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-');
    }
}
