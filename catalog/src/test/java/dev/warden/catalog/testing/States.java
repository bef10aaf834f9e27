package dev.warden.catalog.testing;

import static dev.warden.catalog.testing.InstalledPluginBuilder.plugin;
import static dev.warden.catalog.testing.Permissions.egress;
import static dev.warden.catalog.testing.Permissions.exec;
import static dev.warden.catalog.testing.Permissions.read;
import static dev.warden.catalog.testing.Permissions.write;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import java.util.List;

/** Ready-made states: several plugins, a pending update, grants with dropped permissions. */
public final class States {

    private States() {
    }

    /** Three plugins: one with a pending update, one unverified and disabled, grants on two. */
    public static WardenState several() {
        return WardenState.empty()
                .withPlugin(plugin("acme/weather").version("1.2.0").pending("1.3.0", "adds net.egress https://api.weather.gov").build())
                .withPlugin(plugin("zeta/notes").unverified().status(PluginStatus.DISABLED).build())
                .withPlugin(plugin("acme/git-helper").version("2.0.0-rc.1").status(PluginStatus.PENDING_REVIEW).build())
                .withGrants(PluginId.parse("acme/weather"), new GrantSet(
                        List.of(read("reports"), egress("https://api.example.com"), write("out")),
                        List.of(read("reports"), egress("https://api.example.com"))))
                .withGrants(PluginId.parse("acme/git-helper"), new GrantSet(List.of(exec("/usr/bin/git")), List.of(exec("/usr/bin/git"))));
    }

    /** {@code count} enabled plugins {@code bulk/plugin-N}, each granted two permissions: a large state. */
    public static WardenState many(int count) {
        WardenState state = WardenState.empty();
        for (int i = 0; i < count; i++) {
            PluginId id = PluginId.parse("bulk/plugin-" + i);
            state = state.withPlugin(plugin(id.toString()).build()).withGrants(id, new GrantSet(
                    List.of(read("reports-" + i), egress("https://api" + i + ".example.com")),
                    List.of(read("reports-" + i), egress("https://api" + i + ".example.com"))));
        }
        return state;
    }

    /** A different state: weather updated to 1.3.0 with one more grant, notes removed, a new plugin. */
    public static WardenState severalAfterChanges() {
        WardenState before = several();
        PluginId weather = PluginId.parse("acme/weather");
        return before
                .withPlugin(plugin("acme/weather").version("1.3.0").build())
                .withGrants(weather, before.grants(weather).withGranted(List.of(egress("https://api.weather.gov")))
                        .withActive(List.of(read("reports"), egress("https://api.weather.gov"))))
                .withoutPlugin(PluginId.parse("zeta/notes"))
                .withPlugin(plugin("beta/clock").version("0.1.0").build());
    }
}
