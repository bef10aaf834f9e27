package dev.warden.manager.marketplace;

/**
 * A marketplace request that cannot be met as asked: an unknown marketplace or plugin, a version
 * not offered, a name already taken. The message says what to do instead (exit 1).
 */
public final class MarketplaceProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public MarketplaceProblem(String message) {
        super(message);
    }
}
