package dev.warden.manager.scan;

import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The static text check of the install pipeline: looks in skills, sub-agents, commands and
 * connector descriptions for content hidden from the person (invisible characters, HTML comments
 * that carry instructions) and for instructions aimed at the model. The same check applies to
 * tool results later.
 *
 * <p>What refuses is what the person cannot see or could not recognise: invisible characters outside
 * emoji and joining scripts, instructions in text a rendered view hides, and instructions that only
 * read as such once look-alike or invisible characters are undone. Instructions in plain sight are
 * flagged for the review, unless they are only mentioned (quoted or in inline code): documentation
 * about prompts and prompt injection is honest content.
 */
public final class ContentScanner {

    private static final int MAX_FINDINGS_PER_TEXT = 20;
    private static final int HIDDEN_COMMENT_WORDS = 8;

    /** Phrases that address the model rather than the person, each with what it tries to do. */
    private static final List<Rule> RULES = List.of(
            rule("tells the model to ignore its instructions",
                    "\\b(ignore|disregard|forget|override)\\b[^.\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|any|system|original)\\b[^.\\n]{0,20}\\b(instructions?|prompts?|messages?|rules|directions|guidelines|context)\\b"),
            rule("claims to replace the model's instructions",
                    "\\b(new|updated|real|actual|revised|true)\\s+(system\\s+)?(instructions|prompt)\\s*:|\\byou are now\\b|\\bfrom now on,? you\\b"
                            + "|\\bsystem (prompt|message) (override|update)\\b"),
            rule("imitates a system or user turn of the conversation",
                    "<\\|im_start\\|>|<\\|(system|user|assistant)\\|>|\\[/?INST\\]|<</?SYS>>|</?system-(reminder|prompt)>"),
            rule("asks the model to hide what it does from the person",
                    "\\b(do not|don't|never)\\s+(tell|inform|mention|show|reveal|let)\\b[^.\\n]{0,30}\\b(user|person|human|anyone)\\b|\\bwithout (telling|informing|asking|notifying) the (user|person|human)\\b|\\bsilently\\b[^.\\n]{0,30}\\b(send|upload|post|run|execute|delete)\\b"),
            // "POST" in capitals is an HTTP method in API documentation, "tokens" alone are what a model counts, and
            // an API call with a body is ordinary: only a body read from a file or a command's output is an upload
            rule("asks the model to send data somewhere",
                    "\\b(send|upload|(?-i:post|Post)|forward|transmit|leak|exfiltrate)\\b[^.\\n]{0,60}\\b(credentials?|secrets?|(access|auth|bearer|session|api|oauth|github|refresh) tokens?|passwords?|api keys?|private keys?|ssh keys?|cookies|env(ironment)? variables|\\.env)\\b"
                            + "|\\b(curl|wget)\\b[^\\n]{0,80}\\s(-d|--data[\\w-]*|--upload-file|-F|-T|--post-file|--body-file)[\\s=]*['\"]?([\\w-]+=)?(@|<|\\$\\(|`)"),
            rule("points the model at secret files",
                    "~/\\.ssh\\b|\\bid_(rsa|ed25519|ecdsa)\\b|\\.aws/credentials|\\.git-credentials|\\.netrc\\b|/etc/shadow\\b|\\.gnupg\\b"),
            rule("asks the model to drop its safety",
                    "\\b(disable|bypass|turn off|ignore|circumvent|skip)\\b[^.\\n]{0,30}\\b(safety|security|guardrails?|sandbox|permissions? checks?|restrictions|content polic\\w+|warden)\\b|\\bjailbreak (yourself|the model|mode)\\b|\\b(you are|you're) (now )?jailbroken\\b|\\bDAN mode\\b"));

    private record Rule(String what, Pattern pattern) {
    }

    private static Rule rule(String what, String regex) {
        // ASCII case folding is enough: look-alikes are matched on the folded text, which is ASCII where it matters
        return new Rule(what, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /**
     * Scans one text.
     *
     * @param location how to name the text in findings, e.g. {@code skills/forecast/SKILL.md}
     * @return the findings, in order of position; empty when the text is clean
     */
    public List<Finding> scan(String location, String text) {
        List<Finding> findings = new ArrayList<>();
        Place place = new Place(location, text);
        hiddenCharacters(place, text, findings);
        MarkdownZones zones = MarkdownZones.of(text);
        hiddenText(place, text, zones, findings);
        instructions(place, text, zones, findings);
        findings.sort(Comparator.comparingInt(f -> lineOf(f.location())));
        return findings.size() > MAX_FINDINGS_PER_TEXT ? summarise(location, findings) : findings;
    }

    /**
     * Scans every Markdown file under {@code folder} (skills, sub-agents, commands, references, READMEs), as
     * the install pipeline does with a plugin's extracted files.
     *
     * @return the findings, file by file in path order; empty when every file is clean
     * @throws IOException when a file cannot be read
     */
    public List<Finding> scanMarkdownFiles(Path folder) throws IOException {
        List<Path> texts;
        try (Stream<Path> files = Files.walk(folder)) {
            texts = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                    .sorted()
                    .toList();
        }
        List<Finding> findings = new ArrayList<>();
        for (Path text : texts) {
            String relative = folder.relativize(text).toString().replace('\\', '/');
            findings.addAll(scan(relative, new String(Files.readAllBytes(text), StandardCharsets.UTF_8)));
        }
        return findings;
    }

    private static void hiddenCharacters(Place place, String text, List<Finding> findings) {
        int runStart = -1;
        int runKind = 0;
        StringBuilder tagMessage = new StringBuilder();
        int selectors = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean hidden = isHidden(text, i, cp);
            int kind = !hidden ? 0 : UnsafeCharacters.isTag(cp) ? 1 : UnsafeCharacters.isVariationSelector(cp) ? 2 : 3;
            if (runStart >= 0 && kind != runKind) {
                findings.add(runKind == 1 ? tagFinding(place, text, runStart, tagMessage)
                        : selectorFinding(place, text, runStart, selectors));
                runStart = -1;
                tagMessage.setLength(0);
                selectors = 0;
            }
            if (kind == 1 || kind == 2) {
                if (runStart < 0) {
                    runStart = i;
                    runKind = kind;
                }
                if (kind == 1 && cp >= 0xe0020 && cp <= 0xe007e) {
                    tagMessage.append((char) (cp - 0xe0000));
                }
                selectors++;
            } else if (kind == 3) {
                findings.add(new Finding(Finding.Kind.HIDDEN_CHARACTERS, place.of(i),
                        String.format("invisible character U+%04X (%s)", cp, nameOf(cp))));
            }
            i += Character.charCount(cp);
        }
        if (runStart >= 0) {
            findings.add(runKind == 1 ? tagFinding(place, text, runStart, tagMessage)
                    : selectorFinding(place, text, runStart, selectors));
        }
    }

    private static Finding tagFinding(Place place, String text, int start, StringBuilder hidden) {
        return new Finding(Finding.Kind.HIDDEN_CHARACTERS, place.of(start),
                "Unicode tag characters hide this text from people: \"" + UnsafeCharacters.escape(shorten(hidden.toString())) + "\"");
    }

    private static Finding selectorFinding(Place place, String text, int start, int count) {
        return new Finding(Finding.Kind.HIDDEN_CHARACTERS, place.of(start),
                count + " variation selector" + (count == 1 ? "" : "s") + " that select no visible form; they can carry"
                        + " text no one sees");
    }

    /** The shared rule of {@link UnsafeCharacters}, with line breaks and a leading byte order mark allowed. */
    private static boolean isHidden(String text, int index, int cp) {
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            return false;
        }
        if (cp == 0xfeff && index == 0) {
            return false;
        }
        return UnsafeCharacters.isUnsafeAt(text, index);
    }

    private static String nameOf(int cp) {
        return switch (UnsafeCharacters.kindOf(cp)) {
            case ESCAPE -> "ANSI escape";
            case CONTROL -> "control character";
            case BIDI -> "bidirectional control";
            default -> "zero-width or invisible formatting";
        };
    }

    /** Hidden parts that carry instructions refuse; a long comment without any is only shown. */
    private static void hiddenText(Place place, String text, MarkdownZones zones, List<Finding> findings) {
        for (MarkdownZones.Hidden hidden : zones.hidden) {
            String folded = FoldedText.of(prose(hidden.body())).text;
            String body = hidden.body().strip();
            boolean instructs = RULES.stream().anyMatch(r -> r.pattern().matcher(folded).find());
            if (instructs) {
                findings.add(new Finding(Finding.Kind.HIDDEN_INSTRUCTION, place.of(hidden.start()),
                        hidden.what() + " the person never sees when the Markdown is shown, with instructions for the"
                                + " model: \"" + UnsafeCharacters.escape(shorten(body)) + "\""));
            } else if (!hidden.inCode() && hidden.isComment()
                    && (body.isEmpty() ? 0 : body.split("\\s+").length) >= HIDDEN_COMMENT_WORDS) {
                findings.add(new Finding(Finding.Kind.HIDDEN_TEXT, place.of(hidden.start()),
                        "HTML comment the person never sees when the Markdown is shown: \""
                                + UnsafeCharacters.escape(shorten(body)) + "\""));
            }
        }
    }

    /**
     * Visible instructions are flagged unless only mentioned; an instruction that appears only once
     * disguises are undone refuses, quoted or not, because honest text has no reason to disguise one.
     */
    private static void instructions(Place place, String text, MarkdownZones zones, List<Finding> findings) {
        String prose = prose(text);
        FoldedText folded = FoldedText.of(prose);
        for (Rule rule : RULES) {
            java.util.Set<Long> plain = new java.util.HashSet<>();
            Matcher match = rule.pattern().matcher(prose);
            while (match.find()) {
                plain.add(span(match.start(), match.end()));
                if (!zones.isMention(match.start()) && !zones.isHidden(match.start())) {
                    findings.add(new Finding(Finding.Kind.MODEL_INSTRUCTION, place.of(match.start()),
                            rule.what() + ": \"" + UnsafeCharacters.escape(shorten(text.substring(match.start(), match.end()))) + "\""));
                }
            }
            Matcher undone = rule.pattern().matcher(folded.text);
            while (folded.changedAnything() && undone.find()) {
                int start = folded.sourceIndex(undone.start());
                int end = folded.sourceEnd(undone.end());
                // the very same phrase read plainly means the changed characters did not matter to it
                if (!plain.contains(span(start, end)) && folded.changedWithin(start, end)) {
                    findings.add(new Finding(Finding.Kind.DISGUISED_INSTRUCTION, place.of(start),
                            rule.what() + ", written with look-alike or invisible characters that hide it from this check: \""
                                    + UnsafeCharacters.escape(shorten(text.substring(start, end))) + "\" reads \""
                                    + UnsafeCharacters.escape(shorten(undone.group())) + "\""));
                }
            }
        }
    }

    private static long span(int start, int end) {
        return (long) start << 32 | end;
    }

    /**
     * The text as it reads rendered, with the same length: a single line break, a tab or any other space
     * becomes a plain space (Markdown joins wrapped lines into one paragraph) and typographic apostrophes
     * become straight ones; a blank line still ends a phrase.
     */
    private static String prose(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == '\n') {
                boolean blank = i + 1 < chars.length && (chars[i + 1] == '\n' || chars[i + 1] == '\r')
                        || i > 0 && (text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r' && i > 1 && text.charAt(i - 2) == '\n');
                chars[i] = blank ? '\n' : ' ';
            } else if (c == '\r' || c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR) {
                chars[i] = ' ';
            } else if (c == '\u2019' || c == '\u2018' || c == '\u02bc') {
                chars[i] = '\'';
            }
        }
        return new String(chars);
    }

    private static List<Finding> summarise(String location, List<Finding> findings) {
        // refusing findings are kept whatever their number, so a flood of flags cannot push them out of sight
        List<Finding> kept = new ArrayList<>(findings.stream().filter(Finding::refusesInstall).limit(MAX_FINDINGS_PER_TEXT).toList());
        for (Finding f : findings) {
            if (kept.size() >= MAX_FINDINGS_PER_TEXT) {
                break;
            }
            if (!f.refusesInstall()) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(f -> lineOf(f.location())));
        kept.add(new Finding(findings.get(MAX_FINDINGS_PER_TEXT).kind(), location,
                (findings.size() - MAX_FINDINGS_PER_TEXT) + " more findings not shown"));
        return kept;
    }

    /**
     * Line and column of an index, from line starts computed once and the last column counted, so a text with
     * many findings stays linear: findings on one line come in order, and each is counted from the one before.
     */
    private static final class Place {
        private final String location;
        private final String text;
        private final int[] lineStarts;
        private int lastIndex;
        private int lastColumn = 1;

        Place(String location, String text) {
            this.location = location;
            this.text = text;
            this.lineStarts = IntStream.concat(IntStream.of(0),
                    IntStream.range(0, text.length()).filter(i -> text.charAt(i) == '\n').map(i -> i + 1)).toArray();
        }

        String of(int index) {
            int line = Arrays.binarySearch(lineStarts, index);
            line = line >= 0 ? line : -line - 2;
            int lineStart = lineStarts[line];
            if (lastIndex < lineStart || lastIndex > index) {
                lastIndex = lineStart;
                lastColumn = 1;
            }
            lastColumn += text.codePointCount(lastIndex, index);
            lastIndex = index;
            return location + ":" + (line + 1) + ":" + lastColumn;
        }
    }

    private static int lineOf(String location) {
        String[] parts = location.split(":");
        try {
            return parts.length >= 3 ? Integer.parseInt(parts[parts.length - 2]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }
}
