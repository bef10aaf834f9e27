package dev.warden.manager.config;

import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.io.UnsafeCharacters;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks a value the person gives for an option against its type, and writes it as Warden stores it. */
public final class OptionValues {

    /** The longest value kept, in characters. */
    public static final int MAX_CHARS = 4096;

    private OptionValues() {
    }

    /**
     * @param option   the option
     * @param given    the value as typed or passed
     * @param userHome what a leading {@code ~} stands for
     * @return the value as stored: a number as given, a boolean as {@code true}/{@code false}, paths absolute and
     *         normalised (several joined by {@code ,})
     * @throws UserConfigException naming the option and the rule it breaks (a sensitive value is never quoted)
     */
    public static String check(UserConfigOption option, String given, Path userHome) throws UserConfigException {
        String value = given.strip();
        if (value.isEmpty()) {
            throw problem(option, given, "is empty");
        }
        if (value.length() > MAX_CHARS) {
            throw problem(option, given, "is longer than " + MAX_CHARS + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F) || UnsafeCharacters.firstUnsafe(value).isPresent()) {
            throw problem(option, given, "holds control or invisible characters");
        }
        return switch (option.type()) {
            case STRING -> value;
            case NUMBER -> number(option, value);
            case BOOLEAN -> switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y" -> "true";
                case "false", "no", "n" -> "false";
                default -> throw problem(option, given, "is not true or false");
            };
            case DIRECTORY, FILE -> paths(option, value, userHome);
        };
    }

    private static String number(UserConfigOption option, String value) throws UserConfigException {
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw problem(option, value, "is not a number");
        }
        if (option.min().isPresent() && number.compareTo(BigDecimal.valueOf(option.min().get())) < 0
                || option.max().isPresent() && number.compareTo(BigDecimal.valueOf(option.max().get())) > 0) {
            throw problem(option, value, "is outside " + option.min().map(OptionValues::plain).orElse("-inf") + " to "
                    + option.max().map(OptionValues::plain).orElse("+inf"));
        }
        return value;
    }

    private static String paths(UserConfigOption option, String value, Path userHome) throws UserConfigException {
        List<String> parts = option.multiple() ? List.of(value.split(",", -1)) : List.of(value);
        List<String> checked = new ArrayList<>();
        boolean folder = option.type() == UserConfigOption.Type.DIRECTORY;
        for (String part : parts) {
            String text = part.strip();
            if (text.equals("~") || text.startsWith("~/")) {
                text = userHome + text.substring(1);
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw problem(option, part, "is not a path");
            }
            if (!path.isAbsolute()) {
                throw problem(option, part, "is not an absolute path (give it from / or ~/)");
            }
            path = path.normalize();
            if (folder ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
                throw problem(option, part, "is not " + (folder ? "a folder" : "a file") + " on this machine");
            }
            checked.add(path.toString());
        }
        return String.join(",", checked);
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static UserConfigException problem(UserConfigOption option, String value, String why) {
        String shown = option.sensitive() ? "the value given" : UnsafeCharacters.quote(value);
        return new UserConfigException("option " + option.key() + " (" + option.type().id() + "): " + shown + " " + why);
    }
}
