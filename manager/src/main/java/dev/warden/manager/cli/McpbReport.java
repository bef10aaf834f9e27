package dev.warden.manager.cli;

import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.mcpb.McpbBundle;
import dev.warden.manager.mcpb.McpbManifest;
import dev.warden.signing.McpbSignature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code warden verify} shows of an MCPB bundle: its signature first, then what it runs and asks for. */
final class McpbReport {

    private McpbReport() {
    }

    static void print(PrintWriter out, McpbBundle bundle) {
        McpbManifest manifest = bundle.manifest();
        McpbSignature signature = bundle.signature();
        out.printf("MCPB bundle %s %s by %s (manifest %s)%n", e(manifest.name()), e(manifest.version()),
                e(manifest.author()), manifest.manifestVersion());
        out.printf("  signature    %s%n", signatureLine(signature));
        signature.signer().ifPresent(signer -> {
            out.printf("  subject      %s%n", e(signer.subject()));
            out.printf("  issuer       %s%n", e(signer.issuer()));
            out.printf("  certificate  sha256 %s, valid %s to %s%n", signer.sha256Fingerprint(), signer.notBefore(),
                    signer.notAfter());
            signer.signedAt().ifPresent(at -> out.printf("  signed at    %s (as the signer claims)%n", at));
        });
        if (!manifest.description().isBlank()) {
            out.printf("  description  %s%n", e(manifest.description()));
        }
        McpbManifest.Server server = manifest.server();
        out.printf("  runs         %s%n", e(commandLine(server)));
        out.printf("               a %s server, entry point %s, in the bundle's own folder (${__dirname})%n",
                e(server.type()), e(server.entryPoint().isEmpty() ? "(none named)" : server.entryPoint()));
        server.env().forEach((name, value) -> out.printf("  env          %s=%s%n", e(name), e(value)));
        out.printf("  network      none: the server gets no network unless you grant it%n");
        if (!manifest.tools().isEmpty()) {
            out.printf("  tools        %s%n", e(String.join(", ", manifest.tools())));
        }
        if (!manifest.prompts().isEmpty()) {
            out.printf("  prompts      %s%n", e(String.join(", ", manifest.prompts())));
        }
        if (!manifest.platforms().isEmpty() || !manifest.runtimes().isEmpty()) {
            List<String> needs = new ArrayList<>();
            if (!manifest.platforms().isEmpty()) {
                needs.add("platforms " + String.join(", ", manifest.platforms()));
            }
            manifest.runtimes().forEach((runtime, range) -> needs.add(runtime + " " + range));
            out.printf("  needs        %s%n", e(String.join("; ", needs)));
        }
        for (McpbManifest.Option option : manifest.userConfig()) {
            out.printf("  user_config  %s (%s%s%s): %s%n", e(option.key()), option.type(),
                    option.required() ? ", required" : "",
                    option.sensitive() ? ", sensitive: kept in the secret store" : "", e(option.title()));
        }
    }

    static Map<String, Object> json(McpbBundle bundle) {
        McpbManifest manifest = bundle.manifest();
        McpbSignature signature = bundle.signature();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verified", signature.status() == McpbSignature.Status.CHAINED);
        result.put("format", "mcpb");
        result.put("name", manifest.name());
        result.put("version", manifest.version());
        result.put("author", manifest.author());
        result.put("manifestVersion", manifest.manifestVersion());
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("status", signature.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        signature.signer().ifPresent(signer -> {
            signed.put("subject", signer.subject());
            signed.put("issuer", signer.issuer());
            signed.put("sha256", signer.sha256Fingerprint());
            signed.put("notBefore", signer.notBefore().toString());
            signed.put("notAfter", signer.notAfter().toString());
        });
        signature.anchor().ifPresent(anchor -> signed.put("anchor", anchor));
        result.put("signature", signed);
        McpbManifest.Server server = manifest.server();
        result.put("server", Map.of("type", server.type(), "entryPoint", server.entryPoint(), "command", server.command(),
                "args", server.args(), "env", server.env()));
        result.put("tools", manifest.tools());
        result.put("prompts", manifest.prompts());
        result.put("userConfig", manifest.userConfig().stream().map(o -> Map.of("key", o.key(), "type", o.type(),
                "sensitive", o.sensitive(), "required", o.required())).toList());
        return result;
    }

    static String signatureLine(McpbSignature signature) {
        return switch (signature.status()) {
            case UNSIGNED -> "UNSIGNED: nothing says who made these bytes";
            case SELF_SIGNED -> "self-signed (unverified): the signature matches every byte, but the certificate vouches"
                    + " only for itself";
            case CHAINED -> "verified: every byte as signed, certificate chain to " + e(signature.anchor().orElseThrow());
        };
    }

    private static String commandLine(McpbManifest.Server server) {
        List<String> words = new ArrayList<>();
        words.add(server.command());
        words.addAll(server.args());
        return String.join(" ", words);
    }

    private static String e(String text) {
        return UnsafeCharacters.escape(text);
    }
}
