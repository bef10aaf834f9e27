package dev.warden.manager.cli;

import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.config.UserConfigIntake;
import dev.warden.manager.lifecycle.Review;
import dev.warden.manager.lifecycle.ToolPins;
import dev.warden.manager.review.ReviewScreen;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prints the reviews the lifecycle commands hand over before they ask; what the bundle says is escaped. */
final class ReviewRenderer {

    private final PrintWriter out;

    ReviewRenderer(PrintWriter out) {
        this.out = out;
    }

    void show(Review review) {
        if (review instanceof Review.Install install) {
            new ReviewScreen(out).install(install.manifest(), install.verified(), install.contents(), install.findings(),
                    install.classesChecked(), install.blocked(), install.lookAlikes());
            options(install.options());
        } else if (review instanceof Review.Update update) {
            new ReviewScreen(out).update(update.installed(), update.update(), update.verified(), update.changes(),
                    update.findings(), update.classesChecked(),
                    Optional.of(Map.entry(update.installedContents(), update.updateContents())));
            if (update.arrivedUnverified()) {
                out.println("  (the update was UNVERIFIED when it arrived)");
            }
        } else if (review instanceof Review.Tools tools) {
            tools(tools);
        } else if (review instanceof Review.Dependencies dependencies) {
            dependencies(dependencies);
        }
    }

    private void dependencies(Review.Dependencies review) {
        out.println();
        out.printf("Install %s %s with the plugins it depends on (one question for all of them):%n", review.plugin(),
                review.version());
        for (Review.Dependencies.Need need : review.needs()) {
            out.printf("  %s needs %s: %s %s, %s%n", need.dependent(), UnsafeCharacters.escape(need.declared().toString()),
                    need.id(), need.version(), switch (need.how()) {
                        case INSTALLED_WITH_IT -> "installed with it (its review follows)";
                        case ALREADY_INSTALLED -> "already installed";
                        case ENABLED_WITH_IT -> "installed but disabled: enabled with it";
                    });
        }
    }

    /** The plugin's options: a sensitive value is never shown, only whether it is set. */
    private void options(List<UserConfigIntake.Shown> options) {
        if (options.isEmpty()) {
            return;
        }
        out.println("  Options (userConfig; change them later with 'warden config set'):");
        for (UserConfigIntake.Shown shown : options) {
            UserConfigOption option = shown.option();
            out.printf("    %s  %s%s%s: %s%n", UnsafeCharacters.escape(option.key()), option.type().id(),
                    option.sensitive() ? ", sensitive (secret store)" : "", option.required() ? ", required" : "",
                    option.sensitive() ? shown.value() : UnsafeCharacters.escape(shown.value()));
            if (!option.title().equals(option.key())) {
                out.printf("        %s%n", UnsafeCharacters.escape(option.title()));
            }
        }
        out.println();
    }

    private void tools(Review.Tools tools) {
        out.printf("%s: tools of its MCP servers changed since you approved them. Until you approve them they are"
                + " not offered, and calls to them are refused.%n", tools.plugin());
        for (ToolPins.Held tool : tools.held()) {
            out.printf("%n  server '%s', tool '%s': %s%n", UnsafeCharacters.escape(tool.server()),
                    UnsafeCharacters.escape(tool.tool()), tool.approved().isEmpty() ? "a new tool" : "changed");
            ToolPins.Pin now = tool.seen();
            if (tool.approved().isEmpty()) {
                field("title", now.title());
                field("description", now.description());
                field("input schema", now.inputSchema());
                continue;
            }
            ToolPins.Pin was = tool.approved().get();
            difference("title", was.title(), now.title());
            difference("description", was.description(), now.description());
            difference("input schema", was.inputSchema(), now.inputSchema());
        }
        out.println();
    }

    private void difference(String what, String was, String now) {
        if (!was.equals(now)) {
            out.printf("    %s was: %s%n    %s now: %s%n", what, UnsafeCharacters.escape(was), what, UnsafeCharacters.escape(now));
        }
    }

    private void field(String what, String value) {
        if (!value.isEmpty()) {
            out.printf("    %s: %s%n", what, UnsafeCharacters.escape(value));
        }
    }
}
