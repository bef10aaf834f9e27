package dev.warden.manager.marketplace;

import dev.warden.io.WardenException;

/**
 * A marketplace request that cannot be met as asked: an unknown marketplace or plugin, a version
 * not offered, a name already taken. The message says what to do instead (exit 1).
 */
public final class MarketplaceProblem extends WardenException {

    private static final long serialVersionUID = 1L;

    public MarketplaceProblem(String message) {
        super(Category.ERROR, message);
    }
}
