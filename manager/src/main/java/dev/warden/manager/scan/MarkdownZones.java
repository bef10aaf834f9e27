package dev.warden.manager.scan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Markdown text hides words from a person who reads it rendered (HTML comments, link reference
 * definitions, YAML comments in the front matter, HTML elements marked hidden, scripts, styles, processing
 * instructions) and where it only mentions words (inline code, quotations). HTML comments count as hidden
 * even inside code, so a fence this reader gets wrong cannot hide a comment's instructions; markup inside
 * code is an example a person sees.
 */
final class MarkdownZones {

    /** A part of the text a rendered view never shows. */
    record Hidden(int start, int end, String body, String what, boolean inCode) {

        /** Whether this is an HTML comment, the one hidden part honest documentation uses for notes. */
        boolean isComment() {
            return what.equals(COMMENT);
        }
    }

    private static final String COMMENT = "HTML comment";

    /** An unclosed comment hides the rest of the document, as a CommonMark HTML block does. */
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--(.*?)(?:-->|\\z)", Pattern.DOTALL);
    private static final Pattern LINK_DEFINITION = Pattern.compile(
            "(?m)^ {0,3}\\[[^\\]\\n]{1,999}\\]:[ \\t]*\\S*(?:[ \\t]+(\"[^\"\\n]*\"|'[^'\\n]*'|\\([^)\\n]*\\)))?[ \\t]*$");
    // attributes never run past the next '<': an unclosed tag must not make each later one scan to the end
    private static final Pattern HIDDEN_ELEMENT = Pattern.compile(
            "<([a-zA-Z][a-zA-Z0-9-]*)\\b[^<>]*?(?:\\shidden\\b|aria-hidden\\s*=\\s*[\"']?true"
                    + "|style\\s*=\\s*[\"'][^\"']*(?:display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0"
                    + "|opacity\\s*:\\s*0(?![.\\d]*[1-9])|color\\s*:\\s*(?:white|#fff\\b|#ffffff|transparent)))[^<>]*>(.*?)(?:</\\1\\s*>|\\z)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /** Elements, processing instructions and CDATA that a rendered view never shows, whatever their attributes. */
    private static final Pattern NEVER_SHOWN = Pattern.compile(
            "<(script|style|template|noscript)\\b[^<>]*>(.*?)(?:</\\1\\s*>|\\z)|<\\?[a-zA-Z](.*?)(?:\\?>|\\z)|<!\\[CDATA\\[(.*?)(?:]]>|\\z)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    final List<Hidden> hidden;
    private final BitSet hiddenChars = new BitSet();
    private final BitSet inlineCode;
    private final BitSet quoted;

    private MarkdownZones(List<Hidden> hidden, BitSet inlineCode, BitSet quoted) {
        this.hidden = hidden;
        hidden.forEach(h -> hiddenChars.set(h.start(), h.end()));
        this.inlineCode = inlineCode;
        this.quoted = quoted;
    }

    static MarkdownZones of(String text) {
        BitSet fenced = new BitSet();
        BitSet inline = new BitSet();
        code(text, fenced, inline);
        BitSet code = (BitSet) fenced.clone();
        code.or(inline);
        List<Hidden> hidden = new ArrayList<>();
        Matcher comment = HTML_COMMENT.matcher(text);
        while (comment.find()) {
            hidden.add(new Hidden(comment.start(), comment.end(), comment.group(1), COMMENT, code.get(comment.start())));
        }
        Matcher definition = LINK_DEFINITION.matcher(text);
        while (definition.find()) {
            hidden.add(new Hidden(definition.start(), definition.end(), definition.group(),
                    "link reference definition (never rendered)", code.get(definition.start())));
        }
        // markup shown as a code example is visible; comments are not given that benefit (see the class comment)
        Matcher element = HIDDEN_ELEMENT.matcher(text);
        while (element.find()) {
            if (!code.get(element.start())) {
                hidden.add(new Hidden(element.start(), element.end(), element.group(2), "HTML element hidden from view", false));
            }
        }
        Matcher never = NEVER_SHOWN.matcher(text);
        while (never.find()) {
            if (!code.get(never.start())) {
                String body = never.group(2) != null ? never.group(2) : never.group(3) != null ? never.group(3) : never.group(4);
                hidden.add(new Hidden(never.start(), never.end(), body, "markup a rendered view never shows", false));
            }
        }
        frontMatterComments(text, hidden);
        return new MarkdownZones(List.copyOf(hidden), inline, quoted(text, code));
    }

    /**
     * Whether {@code index} is inside inline code or a quotation: words there are mentioned, not said.
     * Fenced blocks are not mentions: a block of text is what a prompt aimed at the model looks like.
     */
    boolean isMention(int index) {
        return inlineCode.get(index) || quoted.get(index);
    }

    /** Whether {@code index} is inside any hidden part. */
    boolean isHidden(int index) {
        return hiddenChars.get(index);
    }

    /** Fills {@code fenced} with fenced code blocks and {@code inline} with code spans outside them. */
    private static void code(String text, BitSet fenced, BitSet inline) {
        int lineStart = 0;
        String openFence = null;
        int fenceStart = -1;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String line = text.substring(lineStart, lineEnd);
            Matcher fence = FENCE.matcher(line);
            if (openFence == null && fence.find()) {
                openFence = fence.group(1);
                fenceStart = lineStart;
            } else if (openFence != null && fence.find() && fence.group(1).charAt(0) == openFence.charAt(0)
                    && fence.group(1).length() >= openFence.length() && line.strip().equals(fence.group(1))) {
                fenced.set(fenceStart, lineEnd);
                openFence = null;
            } else if (openFence == null) {
                inlineCode(text, lineStart, lineEnd, inline);
            }
            lineStart = lineEnd + 1;
        }
        if (openFence != null) {
            fenced.set(fenceStart, text.length());
        }
    }

    private static void inlineCode(String text, int from, int to, BitSet code) {
        int i = from;
        while (i < to) {
            if (text.charAt(i) != '`') {
                i++;
                continue;
            }
            int run = i;
            while (run < to && text.charAt(run) == '`') {
                run++;
            }
            String ticks = text.substring(i, run);
            // searched within the line only, so unmatched backticks cost no more than the line
            int close = indexWithin(text, ticks, run, to);
            if (close < 0) {
                i = run;
                continue;
            }
            code.set(i, close + ticks.length());
            i = close + ticks.length();
        }
    }

    private static int indexWithin(String text, String what, int from, int to) {
        for (int i = from; i + what.length() <= to; i++) {
            if (text.startsWith(what, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Straight and curly double quotes paired within a paragraph, outside code. */
    private static BitSet quoted(String text, BitSet code) {
        BitSet quoted = new BitSet();
        int open = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                open = -1;
            } else if (code.get(i)) {
                continue;
            } else if (open < 0 && (c == '"' || c == '\u201C')) {
                open = i;
            } else if (open >= 0 && (c == '"' || c == '\u201D')) {
                quoted.set(open, i + 1);
                open = -1;
            }
        }
        return quoted;
    }

    /** Whole-line YAML comments between the opening and closing {@code ---}: no viewer shows them. */
    private static void frontMatterComments(String text, List<Hidden> hidden) {
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        if (!text.startsWith("---\n", start) && !text.startsWith("---\r\n", start)) {
            return;
        }
        int lineStart = text.indexOf('\n', start) + 1;
        boolean inBlockScalar = false;
        while (lineStart > 0 && lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            String raw = text.substring(lineStart, lineEnd);
            String line = raw.strip();
            if (line.equals("---")) {
                return;
            }
            boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
            if (!indented) {
                inBlockScalar = false;
            }
            // a '#' line inside a block scalar (description: |) is text the description shows, not a comment
            if (line.startsWith("#") && !(inBlockScalar && indented)) {
                hidden.add(new Hidden(lineStart, lineEnd, line.substring(1), "YAML comment in the front matter", false));
            } else if (!indented && line.matches("[^#]*:\\s*[|>][-+0-9]*")) {
                inBlockScalar = true;
            }
            lineStart = lineEnd + 1;
        }
    }
}
