package dev.warden.registry.mcp;

import java.util.List;

/** Builds registry responses in both spellings: today's camelCase (v0.1) and the older snake_case (v0). */
final class RegistryJson {

    private RegistryJson() {
    }

    /** A v0.1 item: an npm package with an argument and two variables, and a streamable-http remote. */
    static String entry(String name, String version, String status, boolean latest, String updatedAt) {
        return """
                {"server": {
                   "$schema": "https://static.modelcontextprotocol.io/schemas/2025-10-17/server.schema.json",
                %s},
                 "_meta": {"io.modelcontextprotocol.registry/official": {
                   "status": "%s", "publishedAt": "2025-09-01T00:00:00Z", "updatedAt": "%s",
                   "isLatest": %s, "serverId": "11111111-2222", "versionId": "3333-4444"}}}
                """.formatted(server(", \"format\": \"string\"", ", \"headers\": []").formatted(name, name, version, version),
                status, updatedAt, latest);
    }

    /** The same item as an older deployment wrote it: snake_case, the server not wrapped. */
    static String snakeEntry(String name, String version, String status, boolean latest, String updatedAt) {
        return snakeCase("""
                {%s,
                 "_meta": {"io.modelcontextprotocol.registry/official": {
                   "status": "%%s", "publishedAt": "2025-09-01T00:00:00Z", "updatedAt": "%%s",
                   "isLatest": %%s, "id": "11111111-2222"}}}
                """.formatted(server("", ""))).formatted(name, name, version, version, status, updatedAt, latest);
    }

    /**
     * The server's fields in camelCase, with placeholders for name, name, version and version; the extra
     * text goes after the secret variable's fields and the remote's fields, which the two spellings differ in.
     */
    private static String server(String secretVariableExtra, String remoteExtra) {
        return """
                   "name": "%%s", "title": "Weather", "description": "Forecasts for %%s",
                   "version": "%%s", "websiteUrl": "https://example.com",
                   "repository": {"url": "https://github.com/user/weather", "source": "github"},
                   "packages": [{"registryType": "npm", "registryBaseUrl": "https://registry.npmjs.org",
                     "identifier": "@user/weather-mcp", "version": "%%s", "runtimeHint": "npx",
                     "transport": {"type": "stdio"},
                     "runtimeArguments": [{"type": "named", "name": "--yes", "format": "boolean", "value": "true"}],
                     "packageArguments": [{"type": "positional", "value": "serve"},
                                          {"type": "named", "name": "--port", "value": "8080"},
                                          {"type": "named", "name": "--token", "value": "{token}"},
                                          {"type": "positional", "valueHint": "directory", "isRequired": true}],
                     "environmentVariables": [
                       {"name": "WEATHER_API_KEY", "description": "API key", "isRequired": true, "isSecret": true%s},
                       {"name": "WEATHER_UNITS", "description": "metric or imperial", "default": "metric"}]}],
                   "remotes": [{"type": "streamable-http", "url": "https://mcp.example.com/weather"%s}]""".formatted(
                secretVariableExtra, remoteExtra);
    }

    /** Rewrites every camelCase field name in {@code json} to snake_case; values are left alone. */
    private static String snakeCase(String json) {
        return java.util.regex.Pattern.compile("\"([a-z]+(?:[A-Z][a-z]*)+)\":").matcher(json).replaceAll(
                m -> "\"" + m.group(1).replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT) + "\":");
    }

    static String active(String name, String version) {
        return entry(name, version, "active", true, "2025-10-01T00:00:00Z");
    }

    static String page(String nextCursor, List<String> entries) {
        return page("nextCursor", nextCursor, entries);
    }

    static String snakePage(String nextCursor, List<String> entries) {
        return page("next_cursor", nextCursor, entries);
    }

    private static String page(String cursorField, String nextCursor, List<String> entries) {
        String metadata = nextCursor == null ? "{\"count\": " + entries.size() + "}"
                : "{\"" + cursorField + "\": \"" + nextCursor + "\", \"count\": " + entries.size() + "}";
        return "{\"servers\": [" + String.join(",", entries) + "], \"metadata\": " + metadata + "}";
    }
}
