package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every capability audit entry, for tests of what a capability reported. */
final class RecordingAudit implements CapabilityAudit {

    /** One reported use. */
    record Entry(PermissionKind kind, String target, boolean allowed, String detail) {
    }

    final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void record(PermissionKind kind, String target, boolean allowed, String detail) {
        entries.add(new Entry(kind, target, allowed, detail));
    }

    /** The one entry there must be. */
    Entry only() {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** A use of a capability by name. */
    interface Use {
        void with(String name) throws Exception;
    }

    /** Each name is refused, and the audit holds those refusals and nothing else. */
    void refusesEach(List<String> names, Use use) {
        for (String name : names) {
            assertThatThrownBy(() -> use.with(name)).as(name).isInstanceOf(PermissionDeniedException.class);
        }
        assertThat(entries).hasSize(names.size()).noneMatch(Entry::allowed);
    }

    /** The entries of one kind, in order. */
    List<Entry> of(PermissionKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }
}
