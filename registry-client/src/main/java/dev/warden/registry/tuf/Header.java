package dev.warden.registry.tuf;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The fields every role's {@code signed} object has.
 *
 * @param type        {@code _type}
 * @param specVersion {@code spec_version}, major version 1
 * @param version     at least 1
 * @param expires     the instant it stops being valid
 */
record Header(String type, String specVersion, long version, Instant expires) {

    private static final Pattern EXPIRES = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern SPEC = Pattern.compile("\\d+\\.\\d+(\\.\\d+)?");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** @throws TufException ({@link TufException.Kind#MALFORMED}) for another type, spec version or a bad field */
    static Header parse(JsonObject signed, String expectedType) throws TufException {
        String type = signed.string("_type");
        if (!type.equals(expectedType)) {
            throw signed.malformed("is " + type + " metadata where " + expectedType + " metadata belongs");
        }
        String spec = signed.string("spec_version");
        if (!SPEC.matcher(spec).matches() || !spec.substring(0, spec.indexOf('.')).equals("1")) {
            throw signed.malformed("has spec_version " + spec + ", but only TUF specification 1.x is supported");
        }
        long version = signed.number("version", 1);
        String expires = signed.string("expires");
        Instant instant;
        try {
            if (!EXPIRES.matcher(expires).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DDTHH:MM:SSZ", expires, 0);
            }
            instant = Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw signed.malformed("has expires \"" + expires + "\", which is not a UTC time like 2030-01-31T00:00:00Z");
        }
        return new Header(type, spec, version, instant);
    }

    /** Expired when the reference time has reached the expiry, as python-tuf decides it. */
    boolean isExpired(Instant now) {
        return !now.isBefore(expires);
    }

    /** @throws TufException ({@link TufException.Kind#EXPIRED}) when expired at {@code now} */
    void checkNotExpired(String file, Instant now) throws TufException {
        if (isExpired(now)) {
            throw new TufException(TufException.Kind.EXPIRED, file + " version " + version + " expired at "
                    + format(expires) + " (now " + format(now) + "); " + Messages.EXPIRED_ADVICE);
        }
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
