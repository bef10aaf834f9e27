package dev.warden.manager.lifecycle;

import dev.warden.catalog.state.WardenState;

/**
 * One change of Warden's state, decided from the state read under the state lock ({@link Lifecycle#change}).
 * It may prepare files (move a checked version into place) but leaves committing and auditing to the
 * {@link Change} it returns; throwing changes nothing.
 *
 * @param <R> what the caller gets back
 * @param <X> what it throws to refuse
 */
@FunctionalInterface
public interface Transaction<R, X extends Exception> {

    /**
     * @param state the committed state, read under the lock
     * @return what to audit, commit and do afterwards
     * @throws X to refuse the change; nothing is committed
     */
    Change<R> decide(WardenState state) throws X;
}
