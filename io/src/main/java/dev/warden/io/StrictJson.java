package dev.warden.io;

import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warden's one strict JSON reader: exactly one JSON value into a tree, refusing duplicate keys, nesting
 * deeper than the caller allows, trailing data and (when asked) unsafe characters or fractions, each with
 * its {@link JsonPath}. {@link #read} stops at the first problem; {@link #readAll} reports every one.
 *
 * <p>It uses Jackson's streaming layer only: building a databind mapper costs about 300 ms in a fresh JVM,
 * which short commands such as {@code warden list} must not pay. Instances are immutable and thread-safe.
 */
public final class StrictJson {

    /** How numbers become tree nodes. */
    public enum Numbers {
        /** Whole numbers as int, long or BigInteger; fractions as exact BigDecimal. */
        EXACT,
        /** Every number as an exact BigDecimal. */
        DECIMAL,
        /** Whole numbers as int, long or BigInteger; fractions as double (what a plain Jackson mapper reads). */
        DOUBLE,
        /** Whole numbers only, as int, long or BigInteger; a fraction or exponent is a {@link JsonProblem.Kind#FRACTION}. */
        WHOLE
    }

    /** The tree, when the text was well-formed, and every problem found, in document order. */
    public record Result(Optional<JsonNode> root, List<JsonProblem> problems) {
        public Result {
            Objects.requireNonNull(root, "root");
            problems = List.copyOf(problems);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Jackson's own limit, far enough above ours that a too-deep value is skipped and reported by us. */
    private static final int JACKSON_DEPTH = 1000;

    private static final StrictJson STANDARD = builder().build();

    private final int maxDepth;
    private final Numbers numbers;
    private final boolean refuseUnsafeText;
    private final JsonFactory factory;

    private StrictJson(Builder builder) {
        this.maxDepth = builder.maxDepth;
        this.numbers = builder.numbers;
        this.refuseUnsafeText = builder.refuseUnsafeText;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Math.max(JACKSON_DEPTH, builder.maxDepth == Integer.MAX_VALUE
                                ? JACKSON_DEPTH : builder.maxDepth + 1))
                        .maxStringLength(builder.maxStringLength)
                        .maxNumberLength(builder.maxNumberLength)
                        .build())
                .build();
    }

    /** @return a builder with Jackson's limits (depth 500), numbers as {@link Numbers#DOUBLE}, unsafe text allowed */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the reader with the builder's defaults, for files Warden wrote itself and messages between its
     *         own processes: numbers as a plain Jackson mapper reads them
     */
    public static StrictJson standard() {
        return STANDARD;
    }

    /** @return the kind of {@code node} as a message names it: "an object", "an array", "a string", ..., "null" */
    public static String typeName(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        } else if (node.isArray()) {
            return "an array";
        } else if (node.isString()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /**
     * Writes a tree back to compact JSON text, exactly as a Jackson mapper's {@code writeValueAsString} does, with the
     * streaming generator alone: building a mapper loads hundreds of classes, which a command that only reads files
     * and shows them should not pay for.
     *
     * @param node a tree this class read, or one built of objects, arrays, strings, numbers, booleans and nulls
     * @return its compact JSON text
     * @throws IllegalArgumentException if the tree holds a node of another kind (binary, POJO, missing)
     */
    public static String compact(JsonNode node) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = STANDARD.factory.createGenerator(ObjectWriteContext.empty(), text)) {
            write(node, generator);
        }
        return text.toString();
    }

    private static void write(JsonNode node, JsonGenerator out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    out.writeName(property.getKey());
                    write(property.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.stringValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL -> out.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> out.writeNumber(node.intValue());
                    case LONG -> out.writeNumber(node.longValue());
                    case BIG_INTEGER -> out.writeNumber(node.bigIntegerValue());
                    case FLOAT -> out.writeNumber(node.floatValue());
                    case DOUBLE -> out.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> out.writeNumber(node.decimalValue());
                }
            }
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON text");
        }
    }

    /**
     * @return the one value of {@code json}
     * @throws StrictJsonException at the first problem
     */
    public JsonNode read(byte[] json) throws StrictJsonException {
        return new Walk(true).run(json, null).orElseThrow();
    }

    /** Like {@link #read(byte[])} for text. */
    public JsonNode read(String json) throws StrictJsonException {
        return new Walk(true).run(null, json).orElseThrow();
    }

    /**
     * Takes the members of one object one at a time as they are read, so that a large object is never held whole.
     *
     * @param <E> what the taker may throw to stop the read
     */
    @FunctionalInterface
    public interface Members<E extends Exception> {
        /**
         * @param name  the member's key, already checked to be the first of its name in the object
         * @param value the member's value
         */
        void accept(String name, JsonNode value) throws E;
    }

    /** Where a value lies in the bytes read: {@code start} inclusive, {@code end} exclusive. */
    public record Span(long start, long end) {
        /** @return the bytes of the value within {@code bytes}, the document it was read from */
        public Optional<byte[]> of(byte[] bytes) {
            return start < 0 || end > bytes.length ? Optional.empty()
                    : Optional.of(java.util.Arrays.copyOfRange(bytes, (int) start, (int) end));
        }
    }

    /** The tree and where the spanned value lies, when it is an object or array. */
    public record Spanned(JsonNode root, Optional<Span> span) {
    }

    /**
     * Like {@link #read(byte[])}, noting where the object or array at {@code spannedPath} lies, and handing the
     * members of the object at {@code streamedPath} to {@code members} instead of keeping them (the tree holds an
     * empty object there). Every rule applies to the streamed members as to the rest.
     *
     * @param streamedPath null, with a null {@code members}, to keep the whole tree
     *
     * @throws E what {@code members} threw
     */
    public <E extends Exception> Spanned read(byte[] json, String spannedPath, String streamedPath, Members<E> members)
            throws StrictJsonException, E {
        Walk walk = new Walk(true);
        walk.spannedPath = Objects.requireNonNull(spannedPath, "spannedPath");
        walk.streamedPath = streamedPath;
        walk.members = members;
        return StrictJson.<E>spanned(walk, json);
    }

    /**
     * Reads the members of one object a piece at a time, straight from the text: a caller that knows the shape it
     * expects builds its own values without a map or list per object. Every rule of the reader applies to what the
     * caller reads and to what it leaves (which the cursor reads past, checking it as it goes).
     *
     * @param <E> what the reader may throw to stop the read
     */
    @FunctionalInterface
    public interface MemberReader<E extends Exception> {
        /**
         * @param name  the member's key, already checked to be the first of its name in the object
         * @param value a cursor at the member's value, valid only during this call
         * @throws StrictJsonException a problem the cursor found in the text, which ends the read
         */
        void read(String name, Cursor value) throws E, StrictJsonException;
    }

    /**
     * A position in the text of one streamed member's value ({@link MemberReader}). At a value, {@link #kind()} says
     * what it is; {@link #plain()} reads it whole, {@link #enter()} steps into an object or array, whose members
     * {@link #nextName()} and elements {@link #nextElement()} then move to. A value moved past unread is read and
     * checked all the same.
     */
    public interface Cursor {
        /** What a value is. */
        enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

        /** @return what the value at the cursor is; @throws IllegalStateException when the cursor is at no value */
        Kind kind();

        /**
         * Reads the value at the cursor whole, as plain Java values, which cost less to build than a tree: objects as
         * {@code LinkedHashMap}, arrays as {@code ArrayList}, strings, whole numbers as {@code Long} where they fit and
         * {@code BigInteger} otherwise, fractions as the reader's {@link Numbers} say ({@code Double} or
         * {@code BigDecimal}; every number as {@code BigDecimal} for {@link Numbers#DECIMAL}), {@code Boolean}, and
         * null (also for a too-deep value a collecting read goes past).
         *
         * @throws IllegalStateException when the cursor is at no value
         */
        Object plain() throws StrictJsonException;

        /**
         * Steps into the object or array at the cursor.
         *
         * @throws IllegalStateException when the cursor is at no object or array
         */
        void enter() throws StrictJsonException;

        /**
         * In an object: moves to the value of its next member (reading past the current one if it was not read).
         *
         * @return the member's key, checked to be the first of its name; null at the end of the object, which the
         *         cursor then leaves
         * @throws IllegalStateException when the cursor is not in an object
         */
        String nextName() throws StrictJsonException;

        /**
         * In an array: moves to its next element (reading past the current one if it was not read).
         *
         * @return false at the end of the array, which the cursor then leaves
         * @throws IllegalStateException when the cursor is not in an array
         */
        boolean nextElement() throws StrictJsonException;

        /** @return where the member's value starts in the bytes read, or -1 when it is no object or array or the text is not UTF-8 */
        long start();

        /**
         * Reads what is left of the member's value.
         *
         * @return where the value lies in the bytes read, when it is an object or array and the text is UTF-8
         */
        Optional<Span> finish() throws StrictJsonException;
    }

    /**
     * Like {@link #read(byte[], String, String, Members)}, handing each member of the object at {@code streamedPath}
     * to {@code reader} as a {@link Cursor} under the same rules; the tree holds an empty object there.
     *
     * @throws E what {@code reader} threw
     */
    public <E extends Exception> Spanned readStreamed(byte[] json, String spannedPath, String streamedPath,
                                                      MemberReader<E> reader) throws StrictJsonException, E {
        Walk walk = new Walk(true);
        walk.spannedPath = Objects.requireNonNull(spannedPath, "spannedPath");
        walk.streamedPath = Objects.requireNonNull(streamedPath, "streamedPath");
        walk.memberReader = Objects.requireNonNull(reader, "reader");
        return StrictJson.<E>spanned(walk, json);
    }

    /** Runs {@code walk} over {@code json}, rethrowing what its members threw. */
    private static <E extends Exception> Spanned spanned(Walk walk, byte[] json) throws StrictJsonException, E {
        try {
            JsonNode root = walk.run(json, null).orElseThrow();
            return new Spanned(root, Optional.ofNullable(walk.span));
        } catch (Thrown thrown) {
            @SuppressWarnings("unchecked")
            E cause = (E) thrown.getCause();
            throw cause;
        }
    }

    /** Carries what a {@link Members} threw out of the walk, which knows nothing of its type. */
    private static final class Thrown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Thrown(Exception cause) {
            super(cause);
        }
    }

    /**
     * Reads on past duplicate keys (keeping the first value), too-deep values (read as null), unsafe text,
     * fractions and trailing data; malformed JSON ends the read without a tree.
     */
    public Result readAll(byte[] json) {
        Walk walk = new Walk(false);
        try {
            return new Result(walk.run(json, null), walk.problems);
        } catch (StrictJsonException e) {
            throw new IllegalStateException("a collecting read does not stop", e);
        }
    }

    /** Options of a {@link StrictJson}; duplicate keys and trailing data are always refused. */
    public static final class Builder {
        private int maxDepth = StreamReadConstraints.DEFAULT_MAX_DEPTH;
        private Numbers numbers = Numbers.DOUBLE;
        private boolean refuseUnsafeText;
        private int maxStringLength = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
        private int maxNumberLength = StreamReadConstraints.DEFAULT_MAX_NUM_LEN;

        private Builder() {
        }

        /** @param levels how many objects and arrays may nest, the outermost counting 1; MAX_VALUE for no limit of ours */
        public Builder maxDepth(int levels) {
            if (levels < 1) {
                throw new IllegalArgumentException("maximum depth must be at least 1, not " + levels);
            }
            this.maxDepth = levels;
            return this;
        }

        public Builder numbers(Numbers numbers) {
            this.numbers = Objects.requireNonNull(numbers, "numbers");
            return this;
        }

        /** Reports keys and strings holding control, bidi or invisible characters. */
        public Builder refuseUnsafeText() {
            this.refuseUnsafeText = true;
            return this;
        }

        /** @param chars the longest string or key; longer is {@link JsonProblem.Kind#MALFORMED} */
        public Builder maxStringLength(int chars) {
            this.maxStringLength = chars;
            return this;
        }

        /** @param digits the longest number; longer is {@link JsonProblem.Kind#MALFORMED} */
        public Builder maxNumberLength(int digits) {
            this.maxNumberLength = digits;
            return this;
        }

        public StrictJson build() {
            return new StrictJson(this);
        }
    }

    /** One read: the problems found so far and whether the first one ends it. */
    private final class Walk {
        private final boolean stopAtFirst;
        private final List<JsonProblem> problems = new ArrayList<>();
        private String spannedPath;
        private String streamedPath;
        private Members<?> members;
        private MemberReader<?> memberReader;
        private MemberCursor cursor;
        private Span span;

        Walk(boolean stopAtFirst) {
            this.stopAtFirst = stopAtFirst;
        }

        Optional<JsonNode> run(byte[] bytes, String text) throws StrictJsonException {
            JsonParser parser;
            try {
                parser = bytes != null ? factory.createParser(ObjectReadContext.empty(), bytes)
                        : factory.createParser(ObjectReadContext.empty(), text);
            } catch (JacksonException e) {
                // the encoding is read from the first bytes (found by fuzzing: 00 00 10 00 is no UTF-32 Jackson reads)
                return malformed(JsonPath.ROOT, e);
            }
            try (parser) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    found(JsonProblem.Kind.EMPTY, JsonPath.ROOT, "the file is empty; expected a JSON object", "", null);
                    return Optional.empty();
                }
                JsonNode root = value(parser, first, JsonPath.ROOT, 1);
                JsonToken trailing;
                try {
                    trailing = parser.nextToken();
                } catch (JacksonException e) {
                    trailing = JsonToken.NOT_AVAILABLE;
                }
                if (trailing != null) {
                    found(JsonProblem.Kind.TRAILING, JsonPath.ROOT, "unexpected data after the JSON document", "", null);
                }
                return Optional.of(root);
            } catch (JacksonException e) {
                return malformed(pathOf(parser.streamReadContext()), e);
            }
        }

        private Optional<JsonNode> malformed(String path, JacksonException e) throws StrictJsonException {
            TokenStreamLocation at = e.getLocation();
            int line = at == null || at.getLineNr() < 0 ? -1 : at.getLineNr();
            int column = line < 0 ? -1 : at.getColumnNr();
            String original = Objects.toString(e.getOriginalMessage(), "");
            JsonProblem problem = new JsonProblem(JsonProblem.Kind.MALFORMED, path, "malformed JSON"
                    + (line < 0 ? "" : " at line " + line + ", column " + column) + ": "
                    + UnsafeCharacters.quote(original), original, line, column);
            problems.add(problem);
            if (stopAtFirst) {
                throw new StrictJsonException(problem, e);
            }
            return Optional.empty();
        }

        private void found(JsonProblem.Kind kind, String path, String message, String detail, Throwable cause)
                throws StrictJsonException {
            JsonProblem problem = new JsonProblem(kind, path, message, detail, -1, -1);
            problems.add(problem);
            if (stopAtFirst) {
                throw new StrictJsonException(problem, cause);
            }
        }

        private JsonNode value(JsonParser parser, JsonToken token, String path, int depth) throws StrictJsonException {
            switch (token) {
                case START_OBJECT:
                case START_ARRAY:
                    if (depth > maxDepth) {
                        found(JsonProblem.Kind.TOO_DEEP, here(parser, path), "nested deeper than " + maxDepth + " levels", "", null);
                        parser.skipChildren();
                        return NODES.nullNode();
                    }
                    long start = parser.currentTokenLocation().getByteOffset();
                    JsonNode container = token == JsonToken.START_OBJECT ? object(parser, path, depth)
                            : array(parser, path, depth);
                    if (path != null && path.equals(spannedPath)) {
                        span = new Span(start, parser.currentTokenLocation().getByteOffset() + 1);
                    }
                    return container;
                case VALUE_STRING:
                    String text = parser.getString();
                    checkText(parser, path, text, "the value");
                    return NODES.stringNode(text);
                case VALUE_NUMBER_INT:
                    if (numbers == Numbers.DECIMAL) {
                        return NODES.numberNode(parser.getDecimalValue());
                    }
                    return switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                case VALUE_NUMBER_FLOAT:
                    if (numbers == Numbers.WHOLE) {
                        found(JsonProblem.Kind.FRACTION, here(parser, path), "the number " + parser.getString()
                                + " is not a whole number", parser.getString(), null);
                    }
                    return numbers == Numbers.DOUBLE ? NODES.numberNode(parser.getDoubleValue())
                            : NODES.numberNode(parser.getDecimalValue());
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    throw new IllegalStateException("unexpected token " + token + " at " + here(parser, path));
            }
        }

        private ObjectNode object(JsonParser parser, String path, int depth) throws StrictJsonException {
            ObjectNode object = NODES.objectNode();
            boolean streamed = path != null && path.equals(streamedPath);
            // a streamed object keeps no members to look a key up in
            Set<String> seen = streamed ? new HashSet<>() : null;
            boolean tracked = leadsToSpannedOrStreamed(path);
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                String childPath = tracked ? JsonPath.child(path, key) : null;
                checkText(parser, childPath, key, "the key");
                boolean duplicate = streamed ? !seen.add(key) : object.has(key);
                if (duplicate) {
                    found(JsonProblem.Kind.DUPLICATE_KEY, here(parser, childPath), "duplicate key "
                            + UnsafeCharacters.quote(key) + "; a key may appear only once in an object", key, null);
                }
                if (streamed && memberReader != null) {
                    if (cursor == null) {
                        cursor = new MemberCursor(parser);
                    }
                    cursor.begin(parser.nextToken(), depth + 1);
                    if (!duplicate) {
                        handCursor(key);
                    }
                    cursor.readRest();
                    continue;
                }
                JsonNode value = value(parser, parser.nextToken(), childPath, depth + 1);
                if (!duplicate && streamed) {
                    hand(key, value);
                } else if (!duplicate) {
                    object.set(key, value);
                }
            }
            return object;
        }

        /** {@link #value}, as plain Java values (see {@link Cursor#plain()}); paths only for messages. */
        private Object plainValue(JsonParser parser, JsonToken token, int depth) throws StrictJsonException {
            switch (token) {
                case START_OBJECT:
                case START_ARRAY:
                    if (depth > maxDepth) {
                        found(JsonProblem.Kind.TOO_DEEP, here(parser, null), "nested deeper than " + maxDepth + " levels",
                                "", null);
                        parser.skipChildren();
                        return null;
                    }
                    return token == JsonToken.START_OBJECT ? plainObject(parser, depth) : plainArray(parser, depth);
                case VALUE_STRING:
                    String text = parser.getString();
                    checkText(parser, null, text, "the value");
                    return text;
                case VALUE_NUMBER_INT:
                    if (numbers == Numbers.DECIMAL) {
                        return parser.getDecimalValue();
                    }
                    return switch (parser.getNumberType()) {
                        case INT, LONG -> parser.getLongValue();
                        default -> {
                            BigInteger big = parser.getBigIntegerValue();
                            yield big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
                        }
                    };
                case VALUE_NUMBER_FLOAT:
                    if (numbers == Numbers.WHOLE) {
                        found(JsonProblem.Kind.FRACTION, here(parser, null), "the number " + parser.getString()
                                + " is not a whole number", parser.getString(), null);
                    }
                    return numbers == Numbers.DOUBLE ? (Object) parser.getDoubleValue() : parser.getDecimalValue();
                case VALUE_TRUE:
                    return Boolean.TRUE;
                case VALUE_FALSE:
                    return Boolean.FALSE;
                case VALUE_NULL:
                    return null;
                default:
                    throw new IllegalStateException("unexpected token " + token + " at " + here(parser, null));
            }
        }

        private Map<String, Object> plainObject(JsonParser parser, int depth) throws StrictJsonException {
            Map<String, Object> object = new LinkedHashMap<>();
            while (parser.nextToken() != JsonToken.END_OBJECT) {
                String key = parser.currentName();
                checkText(parser, null, key, "the key");
                boolean duplicate = object.containsKey(key);
                if (duplicate) {
                    found(JsonProblem.Kind.DUPLICATE_KEY, here(parser, null), "duplicate key "
                            + UnsafeCharacters.quote(key) + "; a key may appear only once in an object", key, null);
                }
                Object value = plainValue(parser, parser.nextToken(), depth + 1);
                if (!duplicate) {
                    object.put(key, value);
                }
            }
            return object;
        }

        private List<Object> plainArray(JsonParser parser, int depth) throws StrictJsonException {
            List<Object> array = new ArrayList<>();
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                array.add(plainValue(parser, token, depth + 1));
            }
            return array;
        }

        private void handCursor(String key) throws StrictJsonException {
            try {
                memberReader.read(key, cursor);
            } catch (RuntimeException | StrictJsonException e) {
                throw e;
            } catch (Exception e) {
                throw new Thrown(e);
            }
        }

        /**
         * The {@link Cursor} of a stopping read: the containers it has stepped into, each with the keys seen so far
         * (an object's duplicate check), and whether the value it is at has been read.
         */
        private final class MemberCursor implements Cursor {
            private final JsonParser parser;
            private final List<Frame> frames = new ArrayList<>();
            private int open;
            private JsonToken token;
            private int depth;
            private boolean pending;
            private long start;

            MemberCursor(JsonParser parser) {
                this.parser = parser;
            }

            void begin(JsonToken first, int valueDepth) {
                token = first;
                depth = valueDepth;
                pending = true;
                open = 0;
                start = first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY
                        ? parser.currentTokenLocation().getByteOffset() : -1;
            }

            @Override
            public Kind kind() {
                requireValue();
                return switch (token) {
                    case START_OBJECT -> Kind.OBJECT;
                    case START_ARRAY -> Kind.ARRAY;
                    case VALUE_STRING -> Kind.STRING;
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Kind.NUMBER;
                    case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
                    case VALUE_NULL -> Kind.NULL;
                    default -> throw new IllegalStateException("unexpected token " + token);
                };
            }

            @Override
            public Object plain() throws StrictJsonException {
                requireValue();
                pending = false;
                return plainValue(parser, token, depth);
            }

            @Override
            public void enter() throws StrictJsonException {
                requireValue();
                if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
                    throw new IllegalStateException("the cursor is at no object or array but at " + token);
                }
                if (depth > maxDepth) { // as plainValue finds it, which a stopping read throws
                    found(JsonProblem.Kind.TOO_DEEP, here(parser, null), "nested deeper than " + maxDepth + " levels",
                            "", null);
                }
                pending = false;
                if (open == frames.size()) {
                    frames.add(new Frame());
                }
                frames.get(open++).reset(token == JsonToken.START_OBJECT, depth);
            }

            @Override
            public String nextName() throws StrictJsonException {
                Frame frame = innermost(true);
                if (pending) {
                    plain();
                }
                if (parser.nextToken() == JsonToken.END_OBJECT) {
                    open--;
                    return null;
                }
                String key = parser.currentName();
                checkText(parser, null, key, "the key");
                if (!frame.firstOf(key)) {
                    found(JsonProblem.Kind.DUPLICATE_KEY, here(parser, null), "duplicate key "
                            + UnsafeCharacters.quote(key) + "; a key may appear only once in an object", key, null);
                }
                token = parser.nextToken();
                depth = frame.depth + 1;
                pending = true;
                return key;
            }

            @Override
            public boolean nextElement() throws StrictJsonException {
                Frame frame = innermost(false);
                if (pending) {
                    plain();
                }
                JsonToken next = parser.nextToken();
                if (next == JsonToken.END_ARRAY) {
                    open--;
                    return false;
                }
                token = next;
                depth = frame.depth + 1;
                pending = true;
                return true;
            }

            @Override
            public Optional<Span> finish() throws StrictJsonException {
                readRest();
                if (start < 0) {
                    return Optional.empty();
                }
                long end = parser.currentTokenLocation().getByteOffset();
                return end < 0 ? Optional.empty() : Optional.of(new Span(start, end + 1));
            }

            /** {@link #finish()} without working out the span, which only a reader that asks for it pays for. */
            void readRest() throws StrictJsonException {
                if (pending) {
                    plain();
                }
                while (open > 0) {
                    if (frames.get(open - 1).object) {
                        while (nextName() != null) {
                            // each member is read and checked by the next call
                        }
                    } else {
                        while (nextElement()) {
                            // likewise each element
                        }
                    }
                }
            }

            @Override
            public long start() {
                return start;
            }

            private void requireValue() {
                if (!pending) {
                    throw new IllegalStateException("the cursor is at no value: move to one with nextName or nextElement");
                }
            }

            private Frame innermost(boolean object) {
                if (open == 0 || frames.get(open - 1).object != object) {
                    throw new IllegalStateException("the cursor is not in " + (object ? "an object" : "an array"));
                }
                return frames.get(open - 1);
            }
        }

        /** An object or array the cursor stepped into; reused, since a streamed member opens many. */
        private static final class Frame {
            private static final int LISTED = 8;
            private boolean object;
            private int depth;
            private final String[] names = new String[LISTED];
            private int count;
            private Set<String> many;

            void reset(boolean isObject, int containerDepth) {
                object = isObject;
                depth = containerDepth;
                count = 0;
                many = null;
            }

            /** Whether {@code key} is the first of its name in this object; notes it. */
            boolean firstOf(String key) {
                if (many != null) {
                    return many.add(key);
                }
                for (int i = 0; i < count; i++) {
                    if (names[i].equals(key)) {
                        return false;
                    }
                }
                if (count < LISTED) {
                    names[count++] = key;
                    return true;
                }
                many = new HashSet<>(java.util.Arrays.asList(names));
                return many.add(key);
            }
        }

        private void hand(String key, JsonNode value) {
            try {
                members.accept(key, value);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new Thrown(e);
            }
        }

        private ArrayNode array(JsonParser parser, String path, int depth) throws StrictJsonException {
            ArrayNode array = NODES.arrayNode();
            JsonToken token;
            int index = 0;
            boolean tracked = leadsToSpannedOrStreamed(path);
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                array.add(value(parser, token, tracked ? JsonPath.index(path, index) : null, depth + 1));
                index++;
            }
            return array;
        }

        /**
         * Whether the value at {@code path} holds the spanned or streamed one, so that its members'
         * paths are worth writing out: a large file has a million values, and every other path is written
         * only for a message ({@link #here}).
         */
        private boolean leadsToSpannedOrStreamed(String path) {
            return path != null && (holds(path, spannedPath) || holds(path, streamedPath));
        }

        private static boolean holds(String path, String inner) {
            return inner != null && !inner.equals(path) && JsonPath.isWithin(inner, path);
        }

        /** The path of the value the parser is at: {@code known}, or else worked out from the parser. */
        private String here(JsonParser parser, String known) {
            if (known != null) {
                return known;
            }
            TokenStreamContext context = parser.streamReadContext();
            // at the start of an object or array the context is already the new container's own
            return pathOf(parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY
                    ? context.getParent() : context);
        }

        private void checkText(JsonParser parser, String path, String text, String what) throws StrictJsonException {
            if (!refuseUnsafeText) {
                return;
            }
            OptionalInt at = UnsafeCharacters.firstUnsafe(text);
            if (at.isPresent()) {
                found(JsonProblem.Kind.UNSAFE_TEXT, here(parser, path), what + " contains " + UnsafeCharacters.describe(
                        text.codePointAt(at.getAsInt())) + " at index " + at.getAsInt()
                        + "; remove it, such characters can hide or disguise text", "", null);
            }
        }
    }

    /** The path of the value the parser was at, from Jackson's own context: exact even mid-token. */
    private static String pathOf(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return JsonPath.ROOT;
        }
        String parent = pathOf(context.getParent());
        if (context.inObject()) {
            return context.currentName() == null ? parent : JsonPath.child(parent, context.currentName());
        }
        return context.getCurrentIndex() < 0 ? parent : JsonPath.index(parent, context.getCurrentIndex());
    }

}
