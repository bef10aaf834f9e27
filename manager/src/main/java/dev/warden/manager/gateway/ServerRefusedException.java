package dev.warden.manager.gateway;

/** An external MCP server that Warden does not start, with the reason in words for the person. */
final class ServerRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    ServerRefusedException(String reason) {
        super(reason);
    }
}
