package dev.warden.catalog.state;

/**
 * Every kind of entry Warden writes to the audit log ({@link AuditLog}), by the name the log stores.
 * Each writer names its event here, so that a reader of the log (or of {@code warden audit}) can find
 * every place an event comes from, and a name cannot drift between two writers.
 *
 * @since 0.1
 */
public enum AuditEvent {
    INSTALL("install"),
    /** A bundle refused by verification, policy or the namespace rules; nothing was installed. */
    INSTALL_REFUSED("install.refused"),
    /** The person (or a listing mismatch) declined an install; nothing was installed. */
    INSTALL_DECLINED("install.declined"),
    UPDATE("update"),
    UPDATE_REFUSED("update.refused"),
    UPDATE_DECLINED("update.declined"),
    /** An update that asks for more than was granted was staged to wait for {@code warden review}. */
    UPDATE_PENDING("update.pending"),
    REVIEW_APPROVED("review.approved"),
    REVIEW_REJECTED("review.rejected"),
    /** A decision made on a review refused because another process changed what it showed. */
    REVIEW_OUTDATED("review.outdated"),
    REVIEW_TOOLS_APPROVED("review.tools.approved"),
    REVIEW_TOOLS_REJECTED("review.tools.rejected"),
    ENABLE("enable"),
    DISABLE("disable"),
    GRANT("grant"),
    REVOKE("revoke"),
    REMOVE("remove"),
    QUARANTINE("quarantine"),
    /** A {@code plugin.json} whose hash differs from the one recorded at install was refused. */
    PLUGIN_MANIFEST_CHANGED("plugin.manifest.changed"),
    PLUGIN_SANDBOX("plugin.sandbox"),
    PLUGIN_RESTART("plugin.restart"),
    TOOL_CALL("tool.call"),
    TOOL_RESULT_FLAGGED("tool.result.flagged"),
    /** A plugin's use of a capability, allowed or denied. */
    CAPABILITY("capability"),
    MCP_SERVER_START("mcp.server.start"),
    MCP_SERVER_REFUSED("mcp.server.refused"),
    MCP_SERVER_FAILED("mcp.server.failed"),
    /** The policy in force differs from the last audited one. */
    POLICY_CHANGE("policy.change"),
    TRUST_ADD("trust.add"),
    TRUST_REVOKE("trust.revoke"),
    TRUST_REMOVE("trust.remove"),
    /** A secret was stored; its value is never in the entry. */
    SECRET_SET("secret.set"),
    SECRET_REMOVE("secret.remove"),
    /** Signed in to a plugin's remote MCP server (OAuth); no token is in the entry. */
    AUTH_LOGIN("auth.login"),
    /** Forgot (and where offered, revoked) the tokens of a plugin's remote MCP server. */
    AUTH_LOGOUT("auth.logout"),
    /** A plugin's option was set ({@code warden config set}); a sensitive value is never in the entry. */
    CONFIG_SET("config.set"),
    CONFIG_UNSET("config.unset"),
    MARKETPLACE_ADD("marketplace.add"),
    MARKETPLACE_DECLINED("marketplace.declined"),
    MARKETPLACE_REFUSED("marketplace.refused"),
    MARKETPLACE_UPDATE("marketplace.update"),
    MARKETPLACE_REMOVE("marketplace.remove"),
    SCHEDULE_PAUSE("schedule.pause"),
    SCHEDULE_RESUME("schedule.resume"),
    /** Accepts, on the record, an entry whose append did not finish (see {@link AuditLog}). */
    AUDIT_RECOVERED("audit.recovered");

    private final String id;

    AuditEvent(String id) {
        this.id = id;
    }

    /** @return the name the log stores, e.g. {@code plugin.manifest.changed} */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
