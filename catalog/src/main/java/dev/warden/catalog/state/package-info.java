/**
 * Warden's local state in {@code $WARDEN_HOME} (DESIGN §5): installed plugins and grants
 * ({@link dev.warden.catalog.state.StateStore}, committed together through a journal under one file
 * lock), atomic file replacement ({@link dev.warden.io.AtomicFiles}) and the hash-chained
 * audit log ({@link dev.warden.catalog.state.AuditLog}).
 *
 * <p>Every failure to read or change state is a {@link dev.warden.catalog.state.StateException} whose
 * message names the file and what to do; state is never reset silently.
 *
 * @since 0.1
 */
package dev.warden.catalog.state;

import dev.warden.io.AtomicFiles;
