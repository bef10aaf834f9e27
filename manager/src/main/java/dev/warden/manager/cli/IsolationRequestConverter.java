package dev.warden.manager.cli;

import dev.warden.manager.sandbox.IsolationRequest;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --isolation auto|process|in-process} for the commands that run plugins:
 * <pre>{@code
 * @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto",
 *         converter = IsolationRequestConverter.class, completionCandidates = IsolationRequestConverter.Modes.class,
 *         description = IsolationRequestConverter.DESCRIPTION)
 * IsolationRequest isolation;
 * }</pre>
 * A wrong value ends the command with exit 2 and a message naming the accepted values.
 */
final class IsolationRequestConverter implements ITypeConverter<IsolationRequest> {

    /** The option's help text, the same for every command that has it. */
    static final String DESCRIPTION = "How plugins run: auto (default: each in its own bubblewrap sandbox where bwrap works,"
            + " else in-process, unless policy requires process isolation), process (refused without a working bwrap), or"
            + " in-process (for debugging and benchmarks; refused where policy requires process isolation).";

    @Override
    public IsolationRequest convert(String value) {
        try {
            return IsolationRequest.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The values shell completion offers. */
    static final class Modes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(IsolationRequest.values()).map(IsolationRequest::id).iterator();
        }
    }
}
