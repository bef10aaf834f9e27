package dev.warden.manager.scan;

import dev.warden.manager.text.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The static text check of the install pipeline: looks in skills, sub-agents, commands and
 * connector descriptions for content hidden from the person (invisible characters, HTML comments
 * that carry instructions) and for instructions aimed at the model. The same check applies to
 * tool results later.
 */
public final class ContentScanner {

    private static final Pattern HTML_COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);
    private static final int MAX_FINDINGS_PER_TEXT = 20;

    /** Phrases that address the model rather than the person, each with what it tries to do. */
    private static final List<Rule> RULES = List.of(
            rule("tells the model to ignore its instructions",
                    "\\b(ignore|disregard|forget|override)\\b[^.\\n]{0,40}\\b(previous|prior|above|earlier|preceding|all|any|system|original)\\b[^.\\n]{0,20}\\b(instructions?|prompts?|messages?|rules|directions|guidelines|context)\\b"),
            rule("claims to replace the model's instructions",
                    "\\b(new|updated|real|actual) (system )?(instructions|prompt)\\s*:|\\byou are now\\b|\\bfrom now on,? you\\b|\\bsystem prompt\\b"),
            rule("asks the model to hide what it does from the person",
                    "\\b(do not|don't|never)\\s+(tell|inform|mention|show|reveal|let)\\b[^.\\n]{0,30}\\b(user|person|human|anyone)\\b|\\bwithout (telling|informing|asking|notifying) the (user|person|human)\\b|\\bsilently\\b[^.\\n]{0,30}\\b(send|upload|post|run|execute|delete)\\b"),
            rule("asks the model to send data somewhere",
                    "\\bexfiltrat\\w*|\\b(send|upload|post|forward|transmit|leak)\\b[^.\\n]{0,60}\\b(credentials?|secrets?|tokens?|passwords?|api keys?|private keys?|ssh keys?|cookies|env(ironment)? variables|\\.env)\\b|\\b(curl|wget)\\b[^\\n]{0,80}(-d|--data|--upload-file|-F|-T)\\b"),
            rule("points the model at secret files",
                    "~/\\.ssh\\b|\\bid_(rsa|ed25519|ecdsa)\\b|\\.aws/credentials|\\.git-credentials|\\.netrc\\b|/etc/shadow\\b|\\.gnupg\\b"),
            rule("asks the model to drop its safety",
                    "\\b(disable|bypass|turn off|ignore|circumvent|skip)\\b[^.\\n]{0,30}\\b(safety|security|guardrails?|sandbox|permissions? checks?|restrictions|content polic\\w+|warden)\\b|\\bjailbreak\\w*|\\bDAN mode\\b"));

    private record Rule(String what, Pattern pattern) {
    }

    private static Rule rule(String what, String regex) {
        return new Rule(what, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /**
     * Scans one text.
     *
     * @param location how to name the text in findings, e.g. {@code skills/forecast/SKILL.md}
     * @return the findings, in order of position; empty when the text is clean
     */
    public List<Finding> scan(String location, String text) {
        List<Finding> findings = new ArrayList<>();
        hiddenCharacters(location, text, findings);
        htmlComments(location, text, findings);
        instructions(location, text, findings);
        findings.sort(java.util.Comparator.comparingInt(f -> lineOf(f.location())));
        return findings.size() > MAX_FINDINGS_PER_TEXT ? summarise(location, findings) : findings;
    }

    private static void hiddenCharacters(String location, String text, List<Finding> findings) {
        StringBuilder tagMessage = new StringBuilder();
        int tagStart = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= 0xe0000 && cp <= 0xe007f) {
                if (tagStart < 0) {
                    tagStart = i;
                }
                if (cp >= 0xe0020 && cp <= 0xe007e) {
                    tagMessage.append((char) (cp - 0xe0000));
                }
            } else {
                if (tagStart >= 0) {
                    findings.add(tagFinding(location, text, tagStart, tagMessage));
                    tagStart = -1;
                    tagMessage.setLength(0);
                }
                if (isHidden(cp, i)) {
                    findings.add(new Finding(Finding.Kind.HIDDEN_CHARACTERS, position(location, text, i),
                            String.format("invisible character U+%04X (%s)", cp, nameOf(cp))));
                }
            }
            i += Character.charCount(cp);
        }
        if (tagStart >= 0) {
            findings.add(tagFinding(location, text, tagStart, tagMessage));
        }
    }

    private static Finding tagFinding(String location, String text, int start, StringBuilder hidden) {
        return new Finding(Finding.Kind.HIDDEN_CHARACTERS, position(location, text, start),
                "Unicode tag characters hide this text from people: \"" + TerminalText.safeLine(shorten(hidden.toString())) + "\"");
    }

    private static boolean isHidden(int cp, int index) {
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            return false;
        }
        if (cp == 0xfeff) {
            return index > 0;
        }
        return TerminalText.isUnsafe(cp) || cp == 0x2061 || cp == 0x2062 || cp == 0x2063 || cp == 0x2064 || cp == 0x180e;
    }

    private static String nameOf(int cp) {
        if (cp == 0x1b) {
            return "ANSI escape";
        }
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return "control character";
        }
        if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f || cp == 0x061c) {
            return "bidirectional control";
        }
        return "zero-width or invisible formatting";
    }

    private static void htmlComments(String location, String text, List<Finding> findings) {
        Matcher comment = HTML_COMMENT.matcher(text);
        while (comment.find()) {
            String body = comment.group(1).strip();
            long words = body.isEmpty() ? 0 : body.split("\\s+").length;
            boolean instructs = RULES.stream().anyMatch(r -> r.pattern().matcher(body).find());
            if (instructs || words >= 8) {
                findings.add(new Finding(Finding.Kind.HIDDEN_TEXT, position(location, text, comment.start()),
                        "HTML comment the person never sees when the Markdown is shown"
                                + (instructs ? ", with instructions for the model" : "") + ": \""
                                + TerminalText.safeLine(shorten(body)) + "\""));
            }
        }
    }

    private static void instructions(String location, String text, List<Finding> findings) {
        for (Rule rule : RULES) {
            Matcher match = rule.pattern().matcher(text);
            while (match.find()) {
                findings.add(new Finding(Finding.Kind.MODEL_INSTRUCTION, position(location, text, match.start()),
                        rule.what() + ": \"" + TerminalText.safeLine(shorten(match.group())) + "\""));
            }
        }
    }

    private static List<Finding> summarise(String location, List<Finding> findings) {
        List<Finding> kept = new ArrayList<>(findings.subList(0, MAX_FINDINGS_PER_TEXT));
        kept.add(new Finding(findings.get(MAX_FINDINGS_PER_TEXT).kind(), location,
                (findings.size() - MAX_FINDINGS_PER_TEXT) + " more findings not shown"));
        return kept;
    }

    private static String position(String location, String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return location + ":" + line + ":" + (text.codePointCount(lineStart, index) + 1);
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
