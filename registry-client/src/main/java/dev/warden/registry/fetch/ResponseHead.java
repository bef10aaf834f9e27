package dev.warden.registry.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status and header fields of an HTTP/1.x response, as read from the connection: informational
 * (1xx) responses before it skipped, at most {@value #MAX_BYTES} bytes in all, anything that is not a
 * well-formed head refused with an {@link IOException} saying what.
 *
 * @param status  the status code
 * @param headers the values of each field, by its name in lower case, in the order received
 */
record ResponseHead(int status, Map<String, List<String>> headers) {

    /** The most bytes the heads of one response may take, informational ones included. */
    static final int MAX_BYTES = 64 * 1024;

    ResponseHead {
        headers = Map.copyOf(headers);
    }

    static ResponseHead read(WatchedInput in) throws IOException, FetchException {
        int budget = MAX_BYTES;
        while (true) {
            String statusLine = in.line(budget).orElseThrow(
                    () -> new EOFException("the server closed the connection without a response"));
            budget -= statusLine.length() + 2;
            int status = status(statusLine);
            Map<String, List<String>> headers = new HashMap<>();
            while (true) {
                String line = in.line(Math.max(0, budget)).orElseThrow(
                        () -> new EOFException("the connection closed in the middle of the response head"));
                budget -= line.length() + 2;
                if (budget < 0) {
                    throw new IOException("the response head is longer than " + MAX_BYTES + " bytes");
                }
                if (line.isEmpty()) {
                    break;
                }
                field(line, headers);
            }
            if (status == 101) {
                throw new IOException("the server switched protocols (101), which a GET never asks for");
            }
            if (status >= 200) {
                return new ResponseHead(status, headers);
            }
        }
    }

    /** The first value of a field, when sent. */
    Optional<String> first(String name) {
        List<String> values = headers.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    private static int status(String line) throws IOException {
        // HTTP/1.x SP 3DIGIT [SP reason], the code 100 to 999
        boolean valid = line.length() >= 12 && line.startsWith("HTTP/1.") && Character.isDigit(line.charAt(7))
                && line.charAt(8) == ' ' && digits(line, 9, 12) && (line.length() == 12 || line.charAt(12) == ' ');
        if (!valid || line.charAt(9) == '0') {
            throw new IOException("not an HTTP/1 status line: \"" + shown(line) + "\"");
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static void field(String line, Map<String, List<String>> headers) throws IOException {
        int colon = line.indexOf(':');
        if (colon <= 0 || !token(line.substring(0, colon))) {
            throw new IOException("not a header field: \"" + shown(line) + "\"");
        }
        String value = line.substring(colon + 1).strip();
        headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(value);
    }

    // RFC 9110 §5.6.2: a field name is a token; folded lines (starting with a space) and spaces before the
    // colon are refused with it.
    private static boolean token(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // escaped where the message is made (ExchangeFailures.describe)
    private static String shown(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
