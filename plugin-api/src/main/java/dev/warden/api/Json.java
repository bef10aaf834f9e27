package dev.warden.api;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON value, immutable: a tool call's input as the plugin receives it, already parsed. The
 * {@code as*} accessors and {@link #get}/{@link #items} throw {@link IllegalStateException} naming
 * both types when the value is of another type.
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public sealed interface Json {

    /** JSON {@code null}. */
    Json NULL = new Null();

    /** How deeply {@link #parse} lets arrays and objects nest, as Warden allows in tool input. */
    int MAX_DEPTH = 64;

    /**
     * @param text exactly one JSON value (RFC 8259); duplicate keys are refused
     * @return the value
     * @throws IllegalArgumentException if the text is not that, saying where and why
     */
    static Json parse(java.lang.String text) {
        return JsonText.parse(text);
    }

    /** @return this value as compact JSON text, which {@link #parse} reads back equal */
    default java.lang.String text() {
        return JsonText.write(this);
    }

    /** @return the member, {@link #NULL} if it is JSON null, or empty if this object has no such key */
    default Optional<Json> get(java.lang.String key) {
        throw JsonText.wrongType("an object", this);
    }

    /** @return the items of this array */
    default List<Json> items() {
        throw JsonText.wrongType("an array", this);
    }

    /** @return the value of this string */
    default java.lang.String asString() {
        throw JsonText.wrongType("a string", this);
    }

    /** @return this number, if it is a whole number in the range of {@code long} */
    default long asLong() {
        throw JsonText.wrongType("a whole number", this);
    }

    /** @return this number as the nearest {@code double} */
    default double asDouble() {
        throw JsonText.wrongType("a number", this);
    }

    /** @return the value of this boolean */
    default boolean asBoolean() {
        throw JsonText.wrongType("a boolean", this);
    }

    /** @return whether this is JSON {@code null} */
    default boolean isNull() {
        return false;
    }

    /** @param members the members in document order */
    record Object(Map<java.lang.String, Json> members) implements Json {

        /** @throws NullPointerException if a key or value is null */
        public Object {
            Map<java.lang.String, Json> copy = new LinkedHashMap<>();
            members.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
            members = Collections.unmodifiableMap(copy);
        }

        @Override
        public Optional<Json> get(java.lang.String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    /** @param items the items in order */
    record Array(List<Json> items) implements Json {

        /** @throws NullPointerException if an item is null */
        public Array {
            items = List.copyOf(items);
        }
    }

    /** @param value the text, unescaped */
    record String(java.lang.String value) implements Json {

        /** @throws NullPointerException if the value is null */
        public String {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public java.lang.String asString() {
            return value;
        }
    }

    /** @param value the number, exactly as written */
    record Number(BigDecimal value) implements Json {

        /**
         * The largest exponent (either way) a number may carry: {@code 1e-999999999} is four bytes of JSON but
         * takes a BigDecimal seconds to turn into a double, so text from a hostile server could stall a plugin.
         */
        public static final int MAX_SCALE = 10_000;

        /**
         * @throws NullPointerException     if the value is null
         * @throws IllegalArgumentException if its exponent is beyond {@link #MAX_SCALE}
         */
        public Number {
            Objects.requireNonNull(value, "value");
            if (Math.abs((long) value.scale()) > MAX_SCALE) {
                throw new IllegalArgumentException("the number's exponent is beyond " + MAX_SCALE + " either way");
            }
        }

        @Override
        public long asLong() {
            try {
                return value.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalStateException("expected a whole number in the range of long, found " + value);
            }
        }

        @Override
        public double asDouble() {
            return value.doubleValue();
        }
    }

    /** @param value true or false */
    record Bool(boolean value) implements Json {

        @Override
        public boolean asBoolean() {
            return value;
        }
    }

    /** JSON {@code null}; every instance equals {@link #NULL}. */
    record Null() implements Json {

        @Override
        public boolean isNull() {
            return true;
        }
    }
}
