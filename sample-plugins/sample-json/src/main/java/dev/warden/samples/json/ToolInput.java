package dev.warden.samples.json;

import dev.warden.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one tool call's input, each read with a message the model can act on when it is
 * wrong. Warden checks the input against the tool's declared schema before the call; these checks
 * say the same in the plugin's words, and keep the plugin safe under a host that checks less.
 *
 * <p>Part of the sample-json library that the notes and tidy samples ship in their {@code lib/}, where
 * Warden's bytecode verifier checks it like their own classes.
 */
public final class ToolInput {

    private final String tool;
    private final Map<String, Json> fields;

    private ToolInput(String tool, Map<String, Json> fields) {
        this.tool = tool;
        this.fields = fields;
    }

    /**
     * @param tool  the tool's name, for messages
     * @param input the call's input, as Warden parsed it
     * @param known the fields the tool takes
     * @return the input
     * @throws BadInputException if it is not a JSON object, or has a field the tool does not take
     */
    public static ToolInput of(String tool, Json input, Set<String> known) throws BadInputException {
        if (!(input instanceof Json.Object object)) {
            throw new BadInputException(tool + ": the input must be a JSON object, not " + typeName(input));
        }
        for (String name : object.members().keySet()) {
            if (!known.contains(name)) {
                throw new BadInputException(tool + " has no field " + JsonWriter.quote(name) + "; it takes "
                        + (known.isEmpty() ? "no fields" : String.join(", ", new TreeSet<>(known))));
            }
        }
        return new ToolInput(tool, object.members());
    }

    /** @return the string field, or empty if absent or null */
    public Optional<String> string(String name) throws BadInputException {
        Json value = field(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Json.String s)) {
            throw wrongType(name, "a string", value);
        }
        return Optional.of(s.value());
    }

    /** @return the string field, which must be present and not blank */
    public String requiredString(String name) throws BadInputException {
        String value = string(name).orElseThrow(() -> missing(name));
        if (value.isBlank()) {
            throw new BadInputException(tool + ": " + JsonWriter.quote(name) + " must not be empty");
        }
        return value;
    }

    /** @return the whole-number field, or empty if absent or null */
    public Optional<Long> integer(String name, long min, long max) throws BadInputException {
        Json value = field(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Json.Number json)) {
            throw wrongType(name, "a whole number", value);
        }
        BigDecimal number = json.value();
        long whole;
        try {
            whole = number.longValueExact();
        } catch (ArithmeticException e) {
            throw new BadInputException(tool + ": " + JsonWriter.quote(name) + " must be a whole number from "
                    + min + " to " + max + ", not " + number.toPlainString());
        }
        if (whole < min || whole > max) {
            throw new BadInputException(tool + ": " + JsonWriter.quote(name) + " must be from " + min + " to " + max
                    + ", not " + whole);
        }
        return Optional.of(whole);
    }

    /** @return the whole-number field, which must be present */
    public long requiredInteger(String name, long min, long max) throws BadInputException {
        return integer(name, min, max).orElseThrow(() -> missing(name));
    }

    /** @return the array-of-strings field; empty if absent or null */
    public List<String> strings(String name, int maxItems) throws BadInputException {
        Json value = field(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Json.Array array)) {
            throw wrongType(name, "an array of strings", value);
        }
        List<Json> items = array.items();
        if (items.size() > maxItems) {
            throw new BadInputException(tool + ": " + JsonWriter.quote(name) + " may hold at most " + maxItems
                    + " items, not " + items.size());
        }
        List<String> out = new ArrayList<>(items.size());
        for (Json item : items) {
            if (!(item instanceof Json.String s)) {
                throw new BadInputException(tool + ": every item of " + JsonWriter.quote(name) + " must be a string, not "
                        + typeName(item));
            }
            out.add(s.value());
        }
        return List.copyOf(out);
    }

    /** @return the field's value, or null if it is absent or JSON null */
    private Json field(String name) {
        Json value = fields.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private BadInputException missing(String name) {
        return new BadInputException(tool + " needs the field " + JsonWriter.quote(name));
    }

    private BadInputException wrongType(String name, String expected, Json value) {
        return new BadInputException(tool + ": " + JsonWriter.quote(name) + " must be " + expected + ", not "
                + typeName(value));
    }

    private static String typeName(Json value) {
        if (value instanceof Json.Object) {
            return "an object";
        } else if (value instanceof Json.Array) {
            return "an array";
        } else if (value instanceof Json.String) {
            return "a string";
        } else if (value instanceof Json.Number) {
            return "a number";
        } else if (value instanceof Json.Bool) {
            return "a boolean";
        }
        return "null";
    }

    /** The input is not what the tool takes; the message tells the model what to send instead. */
    public static final class BadInputException extends Exception {

        private static final long serialVersionUID = 1L;

        public BadInputException(String message) {
            super(message);
        }
    }
}
