package dev.warden.manager.verify;

/** An ordinary plugin using what javac 17 emits for today's Java; it must pass the verifier unchanged. */
final class ModernPlugin {

    private ModernPlugin() {
    }

    static final String SOURCE = """
            package com.good;

            import dev.warden.api.Connector;
            import dev.warden.api.PluginContext;
            import dev.warden.api.ToolCall;
            import dev.warden.api.ToolException;
            import dev.warden.api.ToolResult;
            import java.io.ByteArrayOutputStream;
            import java.io.IOException;
            import java.io.PrintWriter;
            import java.io.Serializable;
            import java.io.StringWriter;
            import java.io.UncheckedIOException;
            import java.math.BigDecimal;
            import java.math.RoundingMode;
            import java.net.URI;
            import java.nio.charset.StandardCharsets;
            import java.time.Duration;
            import java.time.Instant;
            import java.time.LocalDate;
            import java.time.ZoneOffset;
            import java.time.format.DateTimeFormatter;
            import java.util.ArrayList;
            import java.util.Comparator;
            import java.util.EnumMap;
            import java.util.HashMap;
            import java.util.Iterator;
            import java.util.List;
            import java.util.Map;
            import java.util.Objects;
            import java.util.Optional;
            import java.util.Set;
            import java.util.concurrent.ConcurrentHashMap;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.function.Function;
            import java.util.function.Supplier;
            import java.util.regex.Matcher;
            import java.util.regex.Pattern;
            import java.util.stream.Collectors;
            import java.util.stream.IntStream;

            public final class Modern implements dev.warden.api.WardenPlugin {

                enum Unit { CELSIUS, FAHRENHEIT, KELVIN }

                sealed interface Shape permits Circle, Square { double area(); }
                record Circle(double radius) implements Shape { public double area() { return Math.PI * radius * radius; } }
                record Square(double side) implements Shape {
                    Square {
                        if (side < 0) throw new IllegalArgumentException("negative side " + side);
                    }
                    public double area() { return side * side; }
                }
                record Reading(String place, double value, Unit unit, Instant at) implements Serializable, Comparable<Reading> {
                    public int compareTo(Reading other) { return Double.compare(value, other.value); }
                }

                private static final Pattern NUMBER = Pattern.compile("-?\\\\d+(\\\\.\\\\d+)?");
                private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
                private PluginContext context;

                @Override
                public void start(PluginContext context) throws ToolException {
                    this.context = Objects.requireNonNull(context);
                    assert context != null : "no context";
                }

                @Override
                public List<Connector> connectors() {
                    return List.of(new Connector() {
                        @Override
                        public Set<String> tools() { return Set.of("convert", "summary"); }

                        @Override
                        public ToolResult call(ToolCall call, PluginContext ctx) throws ToolException {
                            calls.computeIfAbsent(call.tool(), k -> new AtomicInteger()).incrementAndGet();
                            return switch (call.tool()) {
                                case "convert" -> ToolResult.text(convert(call.input().text()));
                                case "summary" -> ToolResult.json(summary(List.of(new Circle(1), new Square(2))));
                                default -> ToolResult.error("unknown tool " + call.tool() + " after " + calls.size() + " calls");
                            };
                        }
                    });
                }

                @Override
                public void stop() {
                    calls.clear();
                }

                static String convert(String input) {
                    Matcher m = NUMBER.matcher(input);
                    Optional<Double> value = m.find() ? Optional.of(Double.parseDouble(m.group())) : Optional.empty();
                    Unit unit = input.contains("F") ? Unit.FAHRENHEIT : Unit.CELSIUS;
                    double celsius = value.map(v -> switch (unit) {
                        case CELSIUS -> v;
                        case FAHRENHEIT -> (v - 32) * 5 / 9;
                        case KELVIN -> v - 273.15;
                    }).orElse(0.0);
                    String label;
                    switch (unit) {
                        case CELSIUS: label = "C"; break;
                        case FAHRENHEIT: label = "F"; break;
                        default: label = "K";
                    }
                    BigDecimal rounded = BigDecimal.valueOf(celsius).setScale(1, RoundingMode.HALF_UP);
                    return rounded + " from " + label + " at " + LocalDate.of(2026, 1, 2).format(DateTimeFormatter.ISO_DATE)
                            + " (" + Duration.ofMinutes(90).toHours() + "h, " + Unit.valueOf("KELVIN").ordinal() + ", "
                            + Unit.values().length + ")";
                }

                static String summary(List<Shape> shapes) {
                    Map<Boolean, List<String>> byKind = shapes.stream()
                            .sorted(Comparator.comparingDouble(Shape::area).reversed())
                            .collect(Collectors.partitioningBy(s -> s instanceof Circle,
                                    Collectors.mapping(Object::toString, Collectors.toList())));
                    StringBuilder json = new StringBuilder("{");
                    for (Iterator<Map.Entry<Boolean, List<String>>> it = byKind.entrySet().iterator(); it.hasNext(); ) {
                        Map.Entry<Boolean, List<String>> e = it.next();
                        json.append('"').append(e.getKey()).append("\\":").append(e.getValue().size());
                        if (it.hasNext()) json.append(',');
                    }
                    Shape first = shapes.get(0);
                    if (first instanceof Circle c && c.radius() > 0) {
                        json.append(",\\"r\\":").append(c.radius());
                    }
                    Map<Unit, Integer> counts = new EnumMap<>(Unit.class);
                    for (Unit u : Unit.values()) counts.merge(u, 1, Integer::sum);
                    int total = IntStream.rangeClosed(1, 10).filter(i -> i % 2 == 0).map(i -> i * i).sum();
                    Supplier<List<String>> fresh = ArrayList::new;
                    List<String> names = fresh.get();
                    names.add(new Reading("x", 1.5, Unit.KELVIN, Instant.EPOCH).toString());
                    Function<String, Integer> length = String::length;
                    Map<String, Integer> lengths = new HashMap<>();
                    names.forEach(n -> lengths.put(n, length.apply(n)));
                    String text = \"""
                        block %d %s
                        \""".formatted(total, lengths.size());
                    String[] copy = names.toArray(new String[0]).clone();
                    return json.append(",\\"n\\":").append(copy.length + text.strip().length() + counts.size()).append('}').toString()
                            + URI.create("https://example.com/a?b=c").getHost()
                            + new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                            + LocalDate.now(ZoneOffset.UTC).getYear();
                }

                static String describe(Throwable error) {
                    StringWriter out = new StringWriter();
                    try (PrintWriter writer = new PrintWriter(out)) {
                        error.printStackTrace(writer);
                    }
                    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
                        bytes.write(out.toString().getBytes(StandardCharsets.UTF_8));
                        return bytes.toString(StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                final class Counter {
                    int next() { return calls.size() + 1; }
                }

                int countAgain() {
                    return new Counter().next();
                }

                @Override
                public boolean equals(Object o) {
                    return o != null && getClass() == o.getClass() && Objects.equals(context, ((Modern) o).context);
                }

                @Override
                public int hashCode() {
                    return Objects.hash(context, calls);
                }
            }
            """;
}
