package dev.warden.catalog.permissions;

/**
 * What changed between the version a person approved and the one offered to them.
 *
 * @since 0.1
 */
public enum ChangeKind {
    /** A permission that nothing granted covers, or, on a first install, any permission. */
    NEW_PERMISSION,
    /** A permission of a kind already granted, with a scope wider than the granted one. */
    WIDENED_SCOPE,
    /** A tool the installed version does not declare. */
    CONNECTOR_ADDED,
    /** A declared tool whose description (what the model reads) changed. */
    CONNECTOR_DESCRIPTION_CHANGED,
    /** A declared tool whose input schema changed. */
    CONNECTOR_SCHEMA_CHANGED,
    /** An MCP server in {@code mcpServers} added, changed or removed, or the field itself changed. */
    MCP_SERVERS_CHANGED,
    /** A permission the installed version asked for and the update does not. */
    PERMISSION_REMOVED,
    /** A tool the installed version declared and the update does not. */
    CONNECTOR_REMOVED
}
