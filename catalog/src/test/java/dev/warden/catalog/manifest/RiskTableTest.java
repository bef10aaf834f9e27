package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;
import static dev.warden.catalog.manifest.PermissionKind.DATA_SHARE;
import static dev.warden.catalog.manifest.PermissionKind.ENV_READ;
import static dev.warden.catalog.manifest.PermissionKind.FS_DELETE;
import static dev.warden.catalog.manifest.PermissionKind.FS_READ;
import static dev.warden.catalog.manifest.PermissionKind.FS_WRITE;
import static dev.warden.catalog.manifest.PermissionKind.MCP_SERVER;
import static dev.warden.catalog.manifest.PermissionKind.NET_EGRESS;
import static dev.warden.catalog.manifest.PermissionKind.PROCESS_EXEC;
import static dev.warden.catalog.manifest.PermissionKind.SCHEDULE;
import static dev.warden.catalog.manifest.PermissionKind.SECRET_USE;
import static dev.warden.catalog.manifest.Risk.CRITICAL;
import static dev.warden.catalog.manifest.Risk.HIGH;
import static dev.warden.catalog.manifest.Risk.LOW;
import static dev.warden.catalog.manifest.Risk.MEDIUM;
import static dev.warden.catalog.manifest.Risk.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The rows of {@code risk-rules.tsv}, each with a case written here by hand (a scope and the row
 * that must decide it), and the near misses that must not match a row. The last tests check that no
 * row of the table is without a case, so a new row needs a new case.
 */
class RiskTableTest {

    /** One scope, its expected risk, and the pattern of the row that must decide it. */
    record Case(PermissionKind kind, String scope, Risk risk, String row) {
    }

    private static Case c(PermissionKind kind, String scope, Risk risk, String row) {
        return new Case(kind, scope, risk, row);
    }

    static final List<Case> WHOLE_ROOTS_AND_NAMED_FOLDERS = List.of(
            c(FS_READ, "/", CRITICAL, "/"),
            c(FS_WRITE, "/**", CRITICAL, "/"),
            c(FS_DELETE, "/*", CRITICAL, "/"),
            c(FS_READ, "${home}/**", CRITICAL, "${home}"),
            c(FS_WRITE, "${home}", CRITICAL, "${home}"),
            c(FS_DELETE, "${home}/*/Downloads", CRITICAL, "${home}"),
            c(FS_READ, "${workspace}/**", MEDIUM, "${workspace}"),
            c(FS_WRITE, "${workspace}/*.md", HIGH, "${workspace}"),
            c(FS_DELETE, "${workspace}", HIGH, "${workspace}"),
            c(FS_READ, "${plugin_data}", NONE, "${plugin_data}"),
            c(FS_WRITE, "${plugin_data}/**", LOW, "${plugin_data}"),
            c(FS_DELETE, "${plugin_data}/*.tmp", HIGH, "${plugin_data}"),
            c(FS_READ, "${home}/projects/notes", HIGH, "${home}/<folder>"),
            c(FS_WRITE, "${home}/notes", CRITICAL, "${home}/<folder>"),
            c(FS_DELETE, "${home}/Downloads/*.tmp", CRITICAL, "${home}/<folder>"),
            c(FS_READ, "${workspace}/reports/**", LOW, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/reports/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_DELETE, "${workspace}/build/**", HIGH, "${workspace}/<folder>"),
            c(FS_READ, "${plugin_data}/cache/*.json", NONE, "${plugin_data}/<folder>"),
            c(FS_WRITE, "${plugin_data}/state.json", LOW, "${plugin_data}/<folder>"),
            c(FS_DELETE, "${plugin_data}/cache/**", HIGH, "${plugin_data}/<folder>"),
            c(FS_READ, "/etc/hosts", CRITICAL, "/<path>"),
            c(FS_WRITE, "/tmp/out", CRITICAL, "/<path>"),
            c(FS_DELETE, "/tmp/x", CRITICAL, "/<path>"));

    /** Reading a secret gives away access; the same rows make writing and deleting it critical. */
    static final List<Case> SECRETS = List.of(
            c(FS_READ, "${home}/.ssh", CRITICAL, "**/.ssh"),
            c(FS_READ, "${home}/.gnupg", CRITICAL, "**/.gnupg"),
            c(FS_READ, "${home}/.password-store", CRITICAL, "**/.password-store"),
            c(FS_READ, "${home}/Library/Keychains", CRITICAL, "**/Library/Keychains"),
            c(FS_READ, "${home}/.local/share/keyrings", CRITICAL, "**/.local/share/keyrings"),
            c(FS_READ, "${home}/.env.local", CRITICAL, "**/.env*"),
            c(FS_READ, "${home}/.aws", CRITICAL, "**/.aws"),
            c(FS_READ, "${home}/.config/gcloud", CRITICAL, "**/.config/gcloud"),
            c(FS_READ, "${home}/.azure", CRITICAL, "**/.azure"),
            c(FS_READ, "${home}/.oci", CRITICAL, "**/.oci"),
            c(FS_READ, "${home}/.config/doctl", CRITICAL, "**/.config/doctl"),
            c(FS_READ, "${home}/.kube", CRITICAL, "**/.kube"),
            c(FS_READ, "${home}/.docker", CRITICAL, "**/.docker"),
            c(FS_READ, "${home}/.vault-token", CRITICAL, "**/.vault-token"),
            c(FS_READ, "${home}/.terraform.d", CRITICAL, "**/.terraform.d"),
            c(FS_READ, "${home}/.config/gh", CRITICAL, "**/.config/gh"),
            c(FS_READ, "${home}/.config/hub", CRITICAL, "**/.config/hub"),
            c(FS_READ, "${home}/.git-credentials", CRITICAL, "**/.git-credentials"),
            c(FS_READ, "${home}/.netrc", CRITICAL, "**/.netrc"),
            c(FS_READ, "${home}/.npmrc", CRITICAL, "**/.npmrc"),
            c(FS_READ, "${home}/.yarnrc.yml", CRITICAL, "**/.yarnrc.yml"),
            c(FS_READ, "${home}/.pypirc", CRITICAL, "**/.pypirc"),
            c(FS_READ, "${home}/.cargo/credentials.toml", CRITICAL, "**/.cargo/credentials*"),
            c(FS_READ, "${home}/.gem/credentials", CRITICAL, "**/.gem/credentials"),
            c(FS_READ, "${home}/.m2/settings.xml", CRITICAL, "**/.m2/settings*.xml"),
            c(FS_READ, "${home}/.gradle/gradle.properties", CRITICAL, "**/.gradle/gradle.properties"),
            c(FS_READ, "${home}/.composer/auth.json", CRITICAL, "**/.composer/auth.json"),
            c(FS_READ, "${home}/.config/composer/auth.json", CRITICAL, "**/.config/composer/auth.json"),
            c(FS_READ, "${home}/.pgpass", CRITICAL, "**/.pgpass"),
            c(FS_READ, "${home}/.my.cnf", CRITICAL, "**/.my.cnf"),
            c(FS_READ, "${home}/.s3cfg", CRITICAL, "**/.s3cfg"),
            c(FS_READ, "${home}/.boto", CRITICAL, "**/.boto"),
            c(FS_READ, "${home}/.config/rclone", CRITICAL, "**/.config/rclone"),
            c(FS_READ, "${home}/.config/op", CRITICAL, "**/.config/op"),
            c(FS_READ, "${home}/.claude/.credentials.json", CRITICAL, "**/.claude/.credentials.json"),
            c(FS_READ, "${home}/.mozilla", CRITICAL, "**/.mozilla"),
            c(FS_READ, "${home}/.thunderbird", CRITICAL, "**/.thunderbird"),
            c(FS_READ, "${home}/.config/google-chrome", CRITICAL, "**/.config/google-chrome"),
            c(FS_READ, "${home}/.config/chromium", CRITICAL, "**/.config/chromium"),
            c(FS_READ, "${home}/.config/BraveSoftware", CRITICAL, "**/.config/BraveSoftware"),
            c(FS_READ, "${home}/.config/microsoft-edge", CRITICAL, "**/.config/microsoft-edge"),
            c(FS_READ, "${home}/.config/vivaldi", CRITICAL, "**/.config/vivaldi"),
            c(FS_READ, "${home}/.config/opera", CRITICAL, "**/.config/opera"),
            c(FS_READ, "${home}/Library/Application Support/Google/Chrome", CRITICAL, "**/Library/Application Support/Google/Chrome"),
            c(FS_READ, "${home}/Library/Application Support/Chromium", CRITICAL, "**/Library/Application Support/Chromium"),
            c(FS_READ, "${home}/Library/Application Support/Firefox", CRITICAL, "**/Library/Application Support/Firefox"),
            c(FS_READ, "${home}/Library/Application Support/BraveSoftware", CRITICAL, "**/Library/Application Support/BraveSoftware"),
            c(FS_READ, "${home}/Library/Application Support/Microsoft Edge", CRITICAL, "**/Library/Application Support/Microsoft Edge"),
            c(FS_READ, "${home}/Library/Safari", CRITICAL, "**/Library/Safari"),
            c(FS_READ, "${home}/Library/Cookies", CRITICAL, "**/Library/Cookies"),
            c(FS_READ, "${home}/.bash_history", CRITICAL, "**/.bash_history"),
            c(FS_READ, "${home}/.zsh_history", CRITICAL, "**/.zsh_history"),
            c(FS_READ, "${home}/.zhistory", CRITICAL, "**/.zhistory"),
            c(FS_READ, "${home}/.histfile", CRITICAL, "**/.histfile"),
            c(FS_READ, "${home}/.sh_history", CRITICAL, "**/.sh_history"),
            c(FS_READ, "${home}/.local/share/fish", CRITICAL, "**/.local/share/fish"),
            c(FS_READ, "${home}/.python_history", CRITICAL, "**/.python_history"),
            c(FS_READ, "${home}/.node_repl_history", CRITICAL, "**/.node_repl_history"),
            c(FS_READ, "${home}/.irb_history", CRITICAL, "**/.irb_history"),
            c(FS_READ, "${home}/.psql_history", CRITICAL, "**/.psql_history"),
            c(FS_READ, "${home}/.mysql_history", CRITICAL, "**/.mysql_history"),
            c(FS_READ, "${home}/.sqlite_history", CRITICAL, "**/.sqlite_history"),
            c(FS_READ, "${home}/.rediscli_history", CRITICAL, "**/.rediscli_history"),
            c(FS_READ, "${home}/.viminfo", CRITICAL, "**/.viminfo"),
            c(FS_READ, "${home}/.lesshst", CRITICAL, "**/.lesshst"),
            c(FS_READ, "${home}/.warden/secrets/secrets.json", CRITICAL, "**/.warden"),
            c(FS_READ, "${home}/.terraformrc", CRITICAL, "**/.terraformrc"),
            c(FS_READ, "${home}/.config/openstack/clouds.yaml", CRITICAL, "**/.config/openstack"),
            c(FS_READ, "${home}/.config/github-copilot/hosts.json", CRITICAL, "**/.config/github-copilot"),
            c(FS_READ, "${home}/.config/Bitwarden CLI/data.json", CRITICAL, "**/.config/Bitwarden CLI"),
            c(FS_READ, "${home}/.local/share/kwalletd", CRITICAL, "**/.local/share/kwalletd"),
            c(FS_READ, "${home}/.config/Slack/Cookies", CRITICAL, "**/.config/Slack"),
            c(FS_READ, "${home}/.config/discord/Local Storage/**", CRITICAL, "**/.config/discord"),
            c(FS_READ, "${home}/.config/Signal/**", CRITICAL, "**/.config/Signal"),
            c(FS_READ, "${home}/.var/app/com.google.Chrome/config/google-chrome/Default", CRITICAL, "**/.var/app"),
            c(FS_READ, "${home}/.history", CRITICAL, "**/.history"),
            c(FS_READ, "${home}/.bash_sessions/*", CRITICAL, "**/.bash_sessions"),
            c(FS_READ, "${home}/.zsh_sessions/**", CRITICAL, "**/.zsh_sessions"),
            c(FS_READ, "${home}/.local/share/atuin/history.db", CRITICAL, "**/.local/share/atuin"),
            c(FS_READ, "${home}/.config/fish/fish_history", CRITICAL, "**/.config/fish/fish_history"),
            c(FS_READ, "${home}/.ipython/profile_default/history.sqlite", CRITICAL, "**/.ipython/profile_default/history.sqlite"),
            c(FS_READ, "${home}/.julia/logs/repl_history.jl", CRITICAL, "**/.julia/logs"),
            c(FS_READ, "${workspace}/.Rhistory", CRITICAL, "**/.Rhistory"),
            c(FS_READ, "${home}/.pry_history", CRITICAL, "**/.pry_history"),
            c(FS_READ, "${home}/.scala_history", CRITICAL, "**/.scala_history"),
            c(FS_READ, "${home}/.mongosh/**", CRITICAL, "**/.mongosh"),
            c(FS_READ, "${home}/.dbshell", CRITICAL, "**/.dbshell"),
            c(FS_READ, "${home}/snap/firefox/common/.mozilla/firefox", CRITICAL, "**/.mozilla"),
            c(FS_WRITE, "${workspace}/.ssh/authorized_keys", CRITICAL, "**/.ssh"),
            c(FS_DELETE, "${workspace}/.env", CRITICAL, "**/.env*"),
            c(FS_READ, "${workspace}/app/.env.production", CRITICAL, "**/.env*"),
            c(FS_READ, "/home/bob/.ssh/id_rsa", CRITICAL, "**/.ssh"),
            c(FS_READ, "${home}/.SSH", CRITICAL, "**/.ssh"),
            c(FS_READ, "${workspace}/.ss?", CRITICAL, "**/.ssh"),
            c(FS_READ, "${home}/.cargo/**", CRITICAL, "**/.cargo/credentials*"),
            c(FS_READ, "${home}/.config/*", CRITICAL, "**/.config/gcloud"),
            c(FS_READ, "${home}/Library", CRITICAL, "**/Library/Keychains"),
            c(FS_READ, "${workspace}/**/.bash_history", CRITICAL, "**/.bash_history"));

    /** A file written in these places runs as code without the person deciding to run it. */
    static final List<Case> CODE = List.of(
            c(FS_WRITE, "${workspace}/vendor/lib/.git/hooks/pre-commit", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/**", CRITICAL, "${workspace}/.git/hooks"),
            c(FS_WRITE, "${workspace}/.git/config", CRITICAL, "**/.git/config"),
            c(FS_WRITE, "${workspace}/?git/config", CRITICAL, "${workspace}/.git/config"),
            c(FS_WRITE, "${workspace}/.husky/pre-commit", CRITICAL, "**/.husky"),
            c(FS_WRITE, "${workspace}/?husky", CRITICAL, "${workspace}/.husky"),
            c(FS_WRITE, "${workspace}/.pre-commit-config.yaml", CRITICAL, "**/.pre-commit-config.yaml"),
            c(FS_WRITE, "${workspace}/.vscode/tasks.json", CRITICAL, "**/.vscode"),
            c(FS_WRITE, "${workspace}/?vscode", CRITICAL, "${workspace}/.vscode"),
            c(FS_WRITE, "${workspace}/app/.idea/workspace.xml", CRITICAL, "**/.idea"),
            c(FS_WRITE, "${workspace}/?idea", CRITICAL, "${workspace}/.idea"),
            c(FS_WRITE, "${workspace}/.devcontainer/devcontainer.json", CRITICAL, "**/.devcontainer"),
            c(FS_WRITE, "${workspace}/?devcontainer", CRITICAL, "${workspace}/.devcontainer"),
            c(FS_WRITE, "${workspace}/.envrc", CRITICAL, "**/.envrc"),
            c(FS_WRITE, "${workspace}/?envrc", CRITICAL, "${workspace}/.envrc"),
            c(FS_WRITE, "${workspace}/.claude/settings.json", CRITICAL, "**/.claude"),
            c(FS_WRITE, "${workspace}/?claude", CRITICAL, "${workspace}/.claude"),
            c(FS_WRITE, "${home}/.gitconfig", CRITICAL, "**/.gitconfig"),
            c(FS_WRITE, "${home}/.config/git", CRITICAL, "**/.config/git"),
            c(FS_WRITE, "${home}/.bashrc", CRITICAL, "**/.bashrc"),
            c(FS_WRITE, "${home}/.bash_profile", CRITICAL, "**/.bash_profile"),
            c(FS_WRITE, "${home}/.bash_login", CRITICAL, "**/.bash_login"),
            c(FS_WRITE, "${home}/.bash_logout", CRITICAL, "**/.bash_logout"),
            c(FS_WRITE, "${home}/.profile", CRITICAL, "**/.profile"),
            c(FS_WRITE, "${home}/.zshrc", CRITICAL, "**/.zshrc"),
            c(FS_WRITE, "${home}/.zprofile", CRITICAL, "**/.zprofile"),
            c(FS_WRITE, "${home}/.zshenv", CRITICAL, "**/.zshenv"),
            c(FS_WRITE, "${home}/.zlogin", CRITICAL, "**/.zlogin"),
            c(FS_WRITE, "${home}/.zlogout", CRITICAL, "**/.zlogout"),
            c(FS_WRITE, "${home}/.config/fish", CRITICAL, "**/.config/fish"),
            c(FS_WRITE, "${home}/.kshrc", CRITICAL, "**/.kshrc"),
            c(FS_WRITE, "${home}/.mkshrc", CRITICAL, "**/.mkshrc"),
            c(FS_WRITE, "${home}/.cshrc", CRITICAL, "**/.cshrc"),
            c(FS_WRITE, "${home}/.tcshrc", CRITICAL, "**/.tcshrc"),
            c(FS_WRITE, "${home}/.login", CRITICAL, "**/.login"),
            c(FS_WRITE, "${home}/.xprofile", CRITICAL, "**/.xprofile"),
            c(FS_WRITE, "${home}/.xinitrc", CRITICAL, "**/.xinitrc"),
            c(FS_WRITE, "${home}/.xsessionrc", CRITICAL, "**/.xsessionrc"),
            c(FS_WRITE, "${home}/.pam_environment", CRITICAL, "**/.pam_environment"),
            c(FS_WRITE, "${home}/.config/environment.d", CRITICAL, "**/.config/environment.d"),
            c(FS_WRITE, "${home}/.config/powershell", CRITICAL, "**/.config/powershell"),
            c(FS_WRITE, "${home}/.vimrc", CRITICAL, "**/.vimrc"),
            c(FS_WRITE, "${home}/.vim", CRITICAL, "**/.vim"),
            c(FS_WRITE, "${home}/.config/nvim", CRITICAL, "**/.config/nvim"),
            c(FS_WRITE, "${home}/.emacs", CRITICAL, "**/.emacs"),
            c(FS_WRITE, "${home}/.emacs.d", CRITICAL, "**/.emacs.d"),
            c(FS_WRITE, "${home}/.ipython", CRITICAL, "**/.ipython"),
            c(FS_WRITE, "${home}/.local/lib", CRITICAL, "**/.local/lib"),
            c(FS_WRITE, "${home}/.config/autostart", CRITICAL, "**/.config/autostart"),
            c(FS_WRITE, "${home}/.config/systemd", CRITICAL, "**/.config/systemd"),
            c(FS_WRITE, "${home}/.local/share/systemd", CRITICAL, "**/.local/share/systemd"),
            c(FS_WRITE, "${home}/Library/LaunchAgents", CRITICAL, "**/Library/LaunchAgents"),
            c(FS_WRITE, "/Library/LaunchAgents/x", CRITICAL, "**/Library/LaunchAgents"),
            c(FS_WRITE, "/Library/LaunchDaemons/x", CRITICAL, "/Library/LaunchDaemons"),
            c(FS_WRITE, "/etc/xdg/autostart/x", CRITICAL, "/etc/xdg/autostart"),
            c(FS_WRITE, "/etc/systemd/x", CRITICAL, "/etc/systemd"),
            c(FS_WRITE, "/etc/cron.d/backup", CRITICAL, "/etc/cron*"),
            c(FS_WRITE, "/var/spool/cron/x", CRITICAL, "/var/spool/cron"),
            c(FS_WRITE, "/etc/ld.so.preload", CRITICAL, "/etc/ld.so.preload"),
            c(FS_WRITE, "/etc/profile.d/proxy.sh", CRITICAL, "/etc/profile*"),
            c(FS_WRITE, "/etc/bash.bashrc", CRITICAL, "/etc/bash.bashrc"),
            c(FS_WRITE, "/etc/sudoers.d/me", CRITICAL, "/etc/sudoers*"),
            c(FS_WRITE, "${home}/bin/tool", CRITICAL, "${home}/bin"),
            c(FS_WRITE, "${home}/.local/bin", CRITICAL, "**/.local/bin"),
            c(FS_WRITE, "${home}/.cargo/bin", CRITICAL, "**/.cargo/bin"),
            c(FS_WRITE, "${home}/.bun/bin", CRITICAL, "**/.bun/bin"),
            c(FS_WRITE, "${home}/.deno/bin", CRITICAL, "**/.deno/bin"),
            c(FS_WRITE, "${home}/.volta/bin", CRITICAL, "**/.volta/bin"),
            c(FS_WRITE, "${home}/.pyenv/shims", CRITICAL, "**/.pyenv/shims"),
            c(FS_WRITE, "${home}/.rbenv/shims", CRITICAL, "**/.rbenv/shims"),
            c(FS_WRITE, "${home}/.asdf/shims", CRITICAL, "**/.asdf/shims"),
            c(FS_WRITE, "${home}/go/bin/tool", CRITICAL, "${home}/go/bin"),
            c(FS_WRITE, "/usr/local/bin/x", CRITICAL, "/usr/local/bin"),
            c(FS_WRITE, "/usr/local/sbin/x", CRITICAL, "/usr/local/sbin"),
            c(FS_WRITE, "/usr/bin/x", CRITICAL, "/usr/bin"),
            c(FS_WRITE, "/usr/sbin/x", CRITICAL, "/usr/sbin"),
            c(FS_WRITE, "/bin/x", CRITICAL, "/bin"),
            c(FS_WRITE, "/sbin/x", CRITICAL, "/sbin"),
            c(FS_WRITE, "/opt/homebrew/bin/x", CRITICAL, "/opt/homebrew/bin"),
            c(FS_WRITE, "${workspace}/.git/modules/lib/hooks/pre-commit", CRITICAL, "**/.git/modules"),
            c(FS_WRITE, "${workspace}/mirror.git/hooks/post-receive", CRITICAL, "**/*.git/hooks"),
            c(FS_WRITE, "${workspace}/.githooks/pre-commit", CRITICAL, "**/.githooks"),
            c(FS_WRITE, "${workspace}/lefthook.yml", CRITICAL, "**/lefthook.yml"),
            c(FS_WRITE, "${workspace}/.lefthook.yml", CRITICAL, "**/.lefthook.yml"),
            c(FS_WRITE, "${workspace}/.zed/tasks.json", CRITICAL, "**/.zed"),
            c(FS_WRITE, "${workspace}/app.code-workspace", CRITICAL, "**/*.code-workspace"),
            c(FS_WRITE, "${workspace}/.exrc", CRITICAL, "**/.exrc"),
            c(FS_WRITE, "${workspace}/.nvim.lua", CRITICAL, "**/.nvim.lua"),
            c(FS_WRITE, "${workspace}/.mcp.json", CRITICAL, "**/.mcp.json"),
            c(FS_WRITE, "${workspace}/.cursor/mcp.json", CRITICAL, "**/.cursor"),
            c(FS_WRITE, "${home}/.bashrc.d/aliases.sh", CRITICAL, "**/.bashrc.d"),
            c(FS_WRITE, "${home}/.oh-my-zsh/custom/x.zsh", CRITICAL, "**/.oh-my-zsh"),
            c(FS_WRITE, "${home}/.tmux.conf", CRITICAL, "**/.tmux.conf"),
            c(FS_WRITE, "${workspace}/.gdbinit", CRITICAL, "**/.gdbinit"),
            c(FS_WRITE, "${workspace}/.Rprofile", CRITICAL, "**/.Rprofile"),
            c(FS_WRITE, "${home}/.irbrc", CRITICAL, "**/.irbrc"),
            c(FS_WRITE, "${home}/.pryrc", CRITICAL, "**/.pryrc"),
            c(FS_WRITE, "${home}/.psqlrc", CRITICAL, "**/.psqlrc"),
            c(FS_WRITE, "${home}/.local/share/applications/firefox.desktop", CRITICAL, "**/.local/share/applications"),
            c(FS_WRITE, "/usr/lib/cron/tabs/me", CRITICAL, "/usr/lib/cron/tabs"),
            c(FS_WRITE, "/etc/anacrontab", CRITICAL, "/etc/anacrontab"),
            c(FS_WRITE, "/etc/init.d/backdoor", CRITICAL, "/etc/init.d"),
            c(FS_WRITE, "/etc/rc.local", CRITICAL, "/etc/rc.local"),
            c(FS_WRITE, "/etc/environment", CRITICAL, "/etc/environment"),
            c(FS_WRITE, "/etc/ld.so.conf.d/evil.conf", CRITICAL, "/etc/ld.so.conf*"),
            c(FS_WRITE, "/opt/local/bin/git", CRITICAL, "/opt/local/bin"),
            c(FS_WRITE, "/snap/bin/code", CRITICAL, "/snap/bin"),
            c(FS_WRITE, "${home}/.npm-global/bin/tsc", CRITICAL, "**/.npm-global/bin"),
            c(FS_WRITE, "${home}/.yarn/bin/x", CRITICAL, "**/.yarn/bin"),
            c(FS_WRITE, "${home}/.dotnet/tools/x", CRITICAL, "**/.dotnet/tools"),
            c(FS_WRITE, "${home}/.nix-profile/bin/git", CRITICAL, "**/.nix-profile"),
            c(FS_WRITE, "${home}/.nvm/versions/node/v20/bin/npm", CRITICAL, "**/.nvm"),
            c(FS_WRITE, "${workspace}/.git/hooks/post-checkout", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/.git/**", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/.git", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${home}/code/app/.git/hooks", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/.GIT/Hooks/pre-push", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/*", CRITICAL, "${workspace}/.git/hooks"),
            c(FS_WRITE, "${workspace}", CRITICAL, "${workspace}/.git/hooks"),
            c(FS_WRITE, "${workspace}/**/hooks", CRITICAL, "${workspace}/.git/hooks"),
            c(FS_WRITE, "${workspace}/.*", CRITICAL, "**/.git/hooks"),
            c(FS_WRITE, "${workspace}/.vs*/**", CRITICAL, "**/.vscode"),
            c(FS_WRITE, "${home}/.*", CRITICAL, "${home}"),
            c(FS_WRITE, "${home}/**", CRITICAL, "${home}"),
            c(FS_WRITE, "/usr/**", CRITICAL, "/usr/local/bin"),
            c(FS_WRITE, "/etc/*", CRITICAL, "/etc/xdg/autostart"),
            c(FS_WRITE, "/usr/local/bin", CRITICAL, "/usr/local/bin"),
            c(FS_WRITE, "${home}/.config/**", CRITICAL, "**/.config/git"));

    /** Each of these runs whatever code or command it is given: granting it is granting any program. */
    static final List<Case> PROGRAMS = List.of(
            c(PROCESS_EXEC, "*", CRITICAL, "*"),
            c(PROCESS_EXEC, "/usr/bin/python3", CRITICAL, "python"),
            c(PROCESS_EXEC, "/usr/bin/pypy", CRITICAL, "pypy"),
            c(PROCESS_EXEC, "/usr/local/bin/node", CRITICAL, "node"),
            c(PROCESS_EXEC, "/usr/bin/nodejs", CRITICAL, "nodejs"),
            c(PROCESS_EXEC, "/usr/bin/bun", CRITICAL, "bun"),
            c(PROCESS_EXEC, "/home/me/.deno/bin/deno run *", CRITICAL, "deno"),
            c(PROCESS_EXEC, "/usr/bin/ruby3.1", CRITICAL, "ruby"),
            c(PROCESS_EXEC, "/usr/bin/irb", CRITICAL, "irb"),
            c(PROCESS_EXEC, "/usr/bin/perl5.36.0", CRITICAL, "perl"),
            c(PROCESS_EXEC, "/usr/bin/php8.2", CRITICAL, "php"),
            c(PROCESS_EXEC, "/usr/lib/jvm/java-17/bin/java", CRITICAL, "java"),
            c(PROCESS_EXEC, "/usr/bin/jshell", CRITICAL, "jshell"),
            c(PROCESS_EXEC, "/usr/bin/kotlin", CRITICAL, "kotlin"),
            c(PROCESS_EXEC, "/usr/bin/groovy", CRITICAL, "groovy"),
            c(PROCESS_EXEC, "/usr/bin/scala", CRITICAL, "scala"),
            c(PROCESS_EXEC, "/usr/bin/lua", CRITICAL, "lua"),
            c(PROCESS_EXEC, "/usr/bin/luajit", CRITICAL, "luajit"),
            c(PROCESS_EXEC, "/usr/bin/tclsh", CRITICAL, "tclsh"),
            c(PROCESS_EXEC, "/usr/bin/wish", CRITICAL, "wish"),
            c(PROCESS_EXEC, "/usr/bin/Rscript", CRITICAL, "Rscript"),
            c(PROCESS_EXEC, "/usr/bin/julia", CRITICAL, "julia"),
            c(PROCESS_EXEC, "/usr/bin/swift", CRITICAL, "swift"),
            c(PROCESS_EXEC, "/usr/bin/dotnet", CRITICAL, "dotnet"),
            c(PROCESS_EXEC, "/usr/bin/mono", CRITICAL, "mono"),
            c(PROCESS_EXEC, "/usr/bin/osascript -e *", CRITICAL, "osascript"),
            c(PROCESS_EXEC, "/usr/bin/awk", CRITICAL, "awk"),
            c(PROCESS_EXEC, "/usr/bin/gawk", CRITICAL, "gawk"),
            c(PROCESS_EXEC, "/usr/bin/mawk", CRITICAL, "mawk"),
            c(PROCESS_EXEC, "/usr/bin/expect", CRITICAL, "expect"),
            c(PROCESS_EXEC, "/bin/sh", CRITICAL, "sh"),
            c(PROCESS_EXEC, "/bin/bash", CRITICAL, "bash"),
            c(PROCESS_EXEC, "/usr/bin/zsh", CRITICAL, "zsh"),
            c(PROCESS_EXEC, "/usr/bin/dash", CRITICAL, "dash"),
            c(PROCESS_EXEC, "/usr/bin/ash", CRITICAL, "ash"),
            c(PROCESS_EXEC, "/usr/bin/ksh", CRITICAL, "ksh"),
            c(PROCESS_EXEC, "/usr/bin/mksh", CRITICAL, "mksh"),
            c(PROCESS_EXEC, "/usr/bin/fish", CRITICAL, "fish"),
            c(PROCESS_EXEC, "/usr/bin/csh", CRITICAL, "csh"),
            c(PROCESS_EXEC, "/usr/bin/tcsh", CRITICAL, "tcsh"),
            c(PROCESS_EXEC, "/usr/bin/nu", CRITICAL, "nu"),
            c(PROCESS_EXEC, "/usr/bin/xonsh", CRITICAL, "xonsh"),
            c(PROCESS_EXEC, "/usr/local/bin/pwsh", CRITICAL, "pwsh"),
            c(PROCESS_EXEC, "/usr/bin/powershell", CRITICAL, "powershell"),
            c(PROCESS_EXEC, "/usr/bin/cmd", CRITICAL, "cmd"),
            c(PROCESS_EXEC, "/mnt/c/Windows/System32/cmd.exe", CRITICAL, "cmd.exe"),
            c(PROCESS_EXEC, "/usr/bin/busybox", CRITICAL, "busybox"),
            c(PROCESS_EXEC, "/usr/bin/env python3", CRITICAL, "env"),
            c(PROCESS_EXEC, "/usr/bin/xargs", CRITICAL, "xargs"),
            c(PROCESS_EXEC, "/usr/bin/nohup", CRITICAL, "nohup"),
            c(PROCESS_EXEC, "/usr/bin/timeout", CRITICAL, "timeout"),
            c(PROCESS_EXEC, "/usr/bin/nice", CRITICAL, "nice"),
            c(PROCESS_EXEC, "/usr/bin/ionice", CRITICAL, "ionice"),
            c(PROCESS_EXEC, "/usr/bin/stdbuf", CRITICAL, "stdbuf"),
            c(PROCESS_EXEC, "/usr/bin/setsid", CRITICAL, "setsid"),
            c(PROCESS_EXEC, "/usr/bin/flock", CRITICAL, "flock"),
            c(PROCESS_EXEC, "/usr/bin/watch", CRITICAL, "watch"),
            c(PROCESS_EXEC, "/usr/bin/find . -name *.tmp", CRITICAL, "find"),
            c(PROCESS_EXEC, "/usr/bin/parallel", CRITICAL, "parallel"),
            c(PROCESS_EXEC, "/usr/bin/script", CRITICAL, "script"),
            c(PROCESS_EXEC, "/usr/bin/strace", CRITICAL, "strace"),
            c(PROCESS_EXEC, "/usr/bin/gdb", CRITICAL, "gdb"),
            c(PROCESS_EXEC, "/usr/bin/sudo ls", CRITICAL, "sudo"),
            c(PROCESS_EXEC, "/usr/bin/doas", CRITICAL, "doas"),
            c(PROCESS_EXEC, "/usr/bin/su", CRITICAL, "su"),
            c(PROCESS_EXEC, "/usr/bin/pkexec", CRITICAL, "pkexec"),
            c(PROCESS_EXEC, "/usr/bin/runuser", CRITICAL, "runuser"),
            c(PROCESS_EXEC, "/usr/bin/chroot", CRITICAL, "chroot"),
            c(PROCESS_EXEC, "/usr/bin/unshare", CRITICAL, "unshare"),
            c(PROCESS_EXEC, "/usr/bin/nsenter", CRITICAL, "nsenter"),
            c(PROCESS_EXEC, "/usr/bin/systemd-run", CRITICAL, "systemd-run"),
            c(PROCESS_EXEC, "/usr/bin/systemctl", CRITICAL, "systemctl"),
            c(PROCESS_EXEC, "/usr/bin/launchctl", CRITICAL, "launchctl"),
            c(PROCESS_EXEC, "/usr/bin/crontab", CRITICAL, "crontab"),
            c(PROCESS_EXEC, "/usr/bin/at", CRITICAL, "at"),
            c(PROCESS_EXEC, "/usr/bin/tmux", CRITICAL, "tmux"),
            c(PROCESS_EXEC, "/usr/bin/screen", CRITICAL, "screen"),
            c(PROCESS_EXEC, "/usr/bin/open", CRITICAL, "open"),
            c(PROCESS_EXEC, "/usr/bin/xdg-open", CRITICAL, "xdg-open"),
            c(PROCESS_EXEC, "/usr/bin/ssh", CRITICAL, "ssh"),
            c(PROCESS_EXEC, "/usr/bin/vim", CRITICAL, "vim"),
            c(PROCESS_EXEC, "/usr/bin/vi", CRITICAL, "vi"),
            c(PROCESS_EXEC, "/usr/bin/nvim", CRITICAL, "nvim"),
            c(PROCESS_EXEC, "/usr/bin/emacs", CRITICAL, "emacs"),
            c(PROCESS_EXEC, "/usr/bin/npx", CRITICAL, "npx"),
            c(PROCESS_EXEC, "/usr/bin/pnpx", CRITICAL, "pnpx"),
            c(PROCESS_EXEC, "/usr/bin/bunx", CRITICAL, "bunx"),
            c(PROCESS_EXEC, "/usr/bin/uvx", CRITICAL, "uvx"),
            c(PROCESS_EXEC, "/usr/bin/pipx", CRITICAL, "pipx"),
            c(PROCESS_EXEC, "/usr/bin/npm", CRITICAL, "npm"),
            c(PROCESS_EXEC, "/usr/bin/pnpm", CRITICAL, "pnpm"),
            c(PROCESS_EXEC, "/usr/bin/yarn", CRITICAL, "yarn"),
            c(PROCESS_EXEC, "/usr/bin/uv", CRITICAL, "uv"),
            c(PROCESS_EXEC, "/usr/bin/pip", CRITICAL, "pip"),
            c(PROCESS_EXEC, "/usr/bin/poetry", CRITICAL, "poetry"),
            c(PROCESS_EXEC, "/usr/bin/gem", CRITICAL, "gem"),
            c(PROCESS_EXEC, "/usr/bin/bundle", CRITICAL, "bundle"),
            c(PROCESS_EXEC, "/usr/bin/cargo", CRITICAL, "cargo"),
            c(PROCESS_EXEC, "/usr/local/go/bin/go run .", CRITICAL, "go"),
            c(PROCESS_EXEC, "/usr/bin/make", CRITICAL, "make"),
            c(PROCESS_EXEC, "/usr/bin/gradle", CRITICAL, "gradle"),
            c(PROCESS_EXEC, "/usr/bin/mvn", CRITICAL, "mvn"),
            c(PROCESS_EXEC, "/usr/bin/docker", CRITICAL, "docker"),
            c(PROCESS_EXEC, "/usr/bin/podman", CRITICAL, "podman"),
            c(PROCESS_EXEC, "/usr/bin/ipython", CRITICAL, "ipython"),
            c(PROCESS_EXEC, "/usr/bin/pythonw", CRITICAL, "pythonw"),
            c(PROCESS_EXEC, "/usr/bin/jython", CRITICAL, "jython"),
            c(PROCESS_EXEC, "/usr/bin/micropython", CRITICAL, "micropython"),
            c(PROCESS_EXEC, "/usr/bin/ts-node", CRITICAL, "ts-node"),
            c(PROCESS_EXEC, "/usr/bin/tsx", CRITICAL, "tsx"),
            c(PROCESS_EXEC, "/usr/bin/jruby", CRITICAL, "jruby"),
            c(PROCESS_EXEC, "/usr/bin/php-cgi", CRITICAL, "php-cgi"),
            c(PROCESS_EXEC, "/usr/bin/guile", CRITICAL, "guile"),
            c(PROCESS_EXEC, "/usr/bin/racket", CRITICAL, "racket"),
            c(PROCESS_EXEC, "/usr/bin/sbcl", CRITICAL, "sbcl"),
            c(PROCESS_EXEC, "/usr/bin/ghci", CRITICAL, "ghci"),
            c(PROCESS_EXEC, "/usr/bin/runghc", CRITICAL, "runghc"),
            c(PROCESS_EXEC, "/usr/bin/elixir", CRITICAL, "elixir"),
            c(PROCESS_EXEC, "/usr/bin/erl", CRITICAL, "erl"),
            c(PROCESS_EXEC, "/usr/bin/escript", CRITICAL, "escript"),
            c(PROCESS_EXEC, "/usr/bin/clojure", CRITICAL, "clojure"),
            c(PROCESS_EXEC, "/usr/bin/bb", CRITICAL, "bb"),
            c(PROCESS_EXEC, "/usr/bin/octave", CRITICAL, "octave"),
            c(PROCESS_EXEC, "/usr/bin/time", CRITICAL, "time"),
            c(PROCESS_EXEC, "/usr/bin/command", CRITICAL, "command"),
            c(PROCESS_EXEC, "/usr/bin/taskset", CRITICAL, "taskset"),
            c(PROCESS_EXEC, "/usr/bin/chrt", CRITICAL, "chrt"),
            c(PROCESS_EXEC, "/usr/bin/prlimit", CRITICAL, "prlimit"),
            c(PROCESS_EXEC, "/usr/bin/unbuffer", CRITICAL, "unbuffer"),
            c(PROCESS_EXEC, "/usr/bin/rlwrap", CRITICAL, "rlwrap"),
            c(PROCESS_EXEC, "/usr/bin/fakeroot", CRITICAL, "fakeroot"),
            c(PROCESS_EXEC, "/usr/bin/faketime", CRITICAL, "faketime"),
            c(PROCESS_EXEC, "/usr/bin/xvfb-run", CRITICAL, "xvfb-run"),
            c(PROCESS_EXEC, "/usr/bin/dbus-run-session", CRITICAL, "dbus-run-session"),
            c(PROCESS_EXEC, "/usr/bin/ssh-agent", CRITICAL, "ssh-agent"),
            c(PROCESS_EXEC, "/usr/bin/sg", CRITICAL, "sg"),
            c(PROCESS_EXEC, "/usr/bin/entr", CRITICAL, "entr"),
            c(PROCESS_EXEC, "/usr/bin/watchexec", CRITICAL, "watchexec"),
            c(PROCESS_EXEC, "/usr/bin/nodemon", CRITICAL, "nodemon"),
            c(PROCESS_EXEC, "/usr/bin/toybox", CRITICAL, "toybox"),
            c(PROCESS_EXEC, "/usr/bin/ltrace", CRITICAL, "ltrace"),
            c(PROCESS_EXEC, "/usr/bin/valgrind", CRITICAL, "valgrind"),
            c(PROCESS_EXEC, "/usr/bin/perf", CRITICAL, "perf"),
            c(PROCESS_EXEC, "/usr/bin/firejail", CRITICAL, "firejail"),
            c(PROCESS_EXEC, "/usr/bin/bwrap", CRITICAL, "bwrap"),
            c(PROCESS_EXEC, "/usr/bin/flatpak", CRITICAL, "flatpak"),
            c(PROCESS_EXEC, "/usr/bin/flatpak-spawn", CRITICAL, "flatpak-spawn"),
            c(PROCESS_EXEC, "/usr/bin/corepack", CRITICAL, "corepack"),
            c(PROCESS_EXEC, "/usr/bin/sqlite3 -cmd *", CRITICAL, "sqlite"),
            c(PROCESS_EXEC, "/usr/bin/perl5.36-x86_64-linux-gnu", CRITICAL, "perl"),
            c(PROCESS_EXEC, "/usr/bin/python3.11-dbg", CRITICAL, "python"),
            c(PROCESS_EXEC, "/usr/bin/python3-config", CRITICAL, "python"),
            c(PROCESS_EXEC, "/usr/bin/git status *", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/opt/tools/bin/convert -q", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/local/bin/python3.12", CRITICAL, "python"),
            c(PROCESS_EXEC, "/usr/bin/python2.7 -c *", CRITICAL, "python"),
            c(PROCESS_EXEC, "/usr/bin/Python3", CRITICAL, "python"),
            c(PROCESS_EXEC, "/opt/node-18/bin/node-18", CRITICAL, "node"),
            c(PROCESS_EXEC, "/usr/bin/BASH", CRITICAL, "bash"),
            c(PROCESS_EXEC, "/usr/bin/go1.22.0", CRITICAL, "go"),
            c(MCP_SERVER, "stdio:/usr/bin/python3 server.py", CRITICAL, "python"),
            c(MCP_SERVER, "stdio:node ${CLAUDE_PLUGIN_ROOT}/server.js", CRITICAL, "node"),
            c(MCP_SERVER, "stdio:npx -y some-server@latest", CRITICAL, "npx"),
            c(MCP_SERVER, "stdio:uvx", CRITICAL, "uvx"),
            c(MCP_SERVER, "stdio:/bin/sh -c *", CRITICAL, "sh"),
            c(MCP_SERVER, "stdio:weather-mcp --port 0", CRITICAL, "stdio:<command>"),
            c(MCP_SERVER, "stdio:${CLAUDE_PLUGIN_ROOT}/bin/server", HIGH, "stdio:${CLAUDE_PLUGIN_ROOT}/<program>"),
            c(MCP_SERVER, "stdio:/usr/local/bin/weather-mcp --port 0", HIGH, "stdio:/<program>"));

    static final List<Case> HOSTS = List.of(
            c(NET_EGRESS, "https://*", CRITICAL, "*"),
            c(MCP_SERVER, "https://*/mcp", CRITICAL, "*"),
            c(NET_EGRESS, "https://127.0.0.1", CRITICAL, "<ip address>"),
            c(NET_EGRESS, "https://169.254.169.254", CRITICAL, "<ip address>"),
            c(NET_EGRESS, "https://0x7f000001", CRITICAL, "<ip address>"),
            c(NET_EGRESS, "https://[::1]", CRITICAL, "<ip address>"),
            c(MCP_SERVER, "http://10.0.0.5:8080/mcp", CRITICAL, "<ip address>"),
            c(NET_EGRESS, "http://localhost:3000", CRITICAL, "localhost"),
            c(NET_EGRESS, "https://app.localhost", CRITICAL, "localhost"),
            c(NET_EGRESS, "https://*.localhost", CRITICAL, "localhost"),
            c(MCP_SERVER, "http://localhost:8080/mcp", CRITICAL, "localhost"),
            c(NET_EGRESS, "https://printer.local", CRITICAL, "local"),
            c(NET_EGRESS, "https://*.local", CRITICAL, "local"),
            c(NET_EGRESS, "https://metadata.google.internal", CRITICAL, "internal"),
            c(NET_EGRESS, "https://nas.home.arpa", CRITICAL, "home.arpa"),
            c(NET_EGRESS, "https://router.lan", CRITICAL, "lan"),
            c(NET_EGRESS, "https://nas.home", CRITICAL, "home"),
            c(NET_EGRESS, "https://git.corp", CRITICAL, "corp"),
            c(NET_EGRESS, "https://*.intranet", CRITICAL, "intranet"),
            c(NET_EGRESS, "https://vault.private", CRITICAL, "private"),
            c(NET_EGRESS, "https://127.0.0.1.nip.io", CRITICAL, "nip.io"),
            c(MCP_SERVER, "http://10.0.0.1.sslip.io/mcp", CRITICAL, "sslip.io"),
            c(NET_EGRESS, "https://app.localtest.me", CRITICAL, "localtest.me"),
            c(NET_EGRESS, "https://lvh.me", CRITICAL, "lvh.me"),
            c(NET_EGRESS, "https://nas", CRITICAL, "<single-label name>"),
            c(NET_EGRESS, "http://metadata:80", CRITICAL, "<single-label name>"),
            c(NET_EGRESS, "https://*.trycloudflare.com", HIGH, "*.trycloudflare.com"),
            c(NET_EGRESS, "https://*.loca.lt", HIGH, "*.loca.lt"),
            c(NET_EGRESS, "https://*.r2.dev", HIGH, "*.r2.dev"),
            c(NET_EGRESS, "https://*.duckdns.org", HIGH, "*.duckdns.org"),
            c(NET_EGRESS, "https://*.ddns.net", HIGH, "*.ddns.net"),
            c(NET_EGRESS, "https://*.com", HIGH, "*.<top-level domain>"),
            c(NET_EGRESS, "https://*.co.uk", HIGH, "*.co.uk"),
            c(NET_EGRESS, "https://*.org.uk", HIGH, "*.org.uk"),
            c(NET_EGRESS, "https://*.ac.uk", HIGH, "*.ac.uk"),
            c(NET_EGRESS, "https://*.gov.uk", HIGH, "*.gov.uk"),
            c(NET_EGRESS, "https://*.com.au", HIGH, "*.com.au"),
            c(NET_EGRESS, "https://*.net.au", HIGH, "*.net.au"),
            c(NET_EGRESS, "https://*.org.au", HIGH, "*.org.au"),
            c(NET_EGRESS, "https://*.co.jp", HIGH, "*.co.jp"),
            c(NET_EGRESS, "https://*.co.nz", HIGH, "*.co.nz"),
            c(NET_EGRESS, "https://*.co.za", HIGH, "*.co.za"),
            c(NET_EGRESS, "https://*.com.br", HIGH, "*.com.br"),
            c(NET_EGRESS, "https://*.com.cn", HIGH, "*.com.cn"),
            c(NET_EGRESS, "https://*.com.mx", HIGH, "*.com.mx"),
            c(NET_EGRESS, "https://*.co.in", HIGH, "*.co.in"),
            c(NET_EGRESS, "https://*.github.io", HIGH, "*.github.io"),
            c(NET_EGRESS, "https://*.gitlab.io", HIGH, "*.gitlab.io"),
            c(NET_EGRESS, "https://*.herokuapp.com", HIGH, "*.herokuapp.com"),
            c(NET_EGRESS, "https://*.vercel.app", HIGH, "*.vercel.app"),
            c(NET_EGRESS, "https://*.netlify.app", HIGH, "*.netlify.app"),
            c(NET_EGRESS, "https://*.pages.dev", HIGH, "*.pages.dev"),
            c(NET_EGRESS, "https://*.workers.dev", HIGH, "*.workers.dev"),
            c(NET_EGRESS, "https://*.web.app", HIGH, "*.web.app"),
            c(NET_EGRESS, "https://*.firebaseapp.com", HIGH, "*.firebaseapp.com"),
            c(NET_EGRESS, "https://*.appspot.com", HIGH, "*.appspot.com"),
            c(NET_EGRESS, "https://*.blogspot.com", HIGH, "*.blogspot.com"),
            c(NET_EGRESS, "https://*.azurewebsites.net", HIGH, "*.azurewebsites.net"),
            c(NET_EGRESS, "https://*.cloudfront.net", HIGH, "*.cloudfront.net"),
            c(NET_EGRESS, "https://*.amazonaws.com", HIGH, "*.amazonaws.com"),
            c(NET_EGRESS, "https://*.s3.amazonaws.com", HIGH, "*.s3.amazonaws.com"),
            c(NET_EGRESS, "https://*.ngrok.io", HIGH, "*.ngrok.io"),
            c(NET_EGRESS, "https://*.ngrok-free.app", HIGH, "*.ngrok-free.app"),
            c(NET_EGRESS, "https://*.fly.dev", HIGH, "*.fly.dev"),
            c(NET_EGRESS, "https://*.onrender.com", HIGH, "*.onrender.com"),
            c(NET_EGRESS, "https://*.glitch.me", HIGH, "*.glitch.me"),
            c(NET_EGRESS, "https://*.repl.co", HIGH, "*.repl.co"),
            c(MCP_SERVER, "https://*.github.io/sse", HIGH, "*.github.io"),
            c(NET_EGRESS, "https://*.example.com", MEDIUM, "*.<domain>"),
            c(MCP_SERVER, "https://*.example.com/sse", MEDIUM, "*.<domain>"),
            c(NET_EGRESS, "https://api.weather.gov:8443", LOW, "<host>"),
            c(MCP_SERVER, "https://mcp.example.com/mcp", LOW, "<host>"));

    static final List<Case> ENVIRONMENT = List.of(
            c(ENV_READ, "*", CRITICAL, "*"),
            c(ENV_READ, "ACME_*", HIGH, "<prefix>*"),
            c(ENV_READ, "LD_*", HIGH, "<prefix>*"),
            c(ENV_READ, "LD_PRELOAD", HIGH, "LD_*"),
            c(ENV_READ, "ld_library_path", HIGH, "LD_*"),
            c(ENV_READ, "DYLD_INSERT_LIBRARIES", HIGH, "DYLD_*"),
            c(ENV_READ, "GITHUB_TOKEN", HIGH, "*TOKEN*"),
            c(ENV_READ, "githubtoken", HIGH, "*TOKEN*"),
            c(ENV_READ, "AWS_SECRET_ACCESS_KEY", HIGH, "*SECRET*"),
            c(ENV_READ, "OPENAI_APIKEY", HIGH, "*KEY*"),
            c(ENV_READ, "KEYBOARD_LAYOUT", HIGH, "*KEY*"),
            c(ENV_READ, "PGPASSWORD", HIGH, "*PASSWORD*"),
            c(ENV_READ, "PASSWD", HIGH, "*PASSWD*"),
            c(ENV_READ, "GPG_PASSPHRASE", HIGH, "*PASSPHRASE*"),
            c(ENV_READ, "SMTP_PASS", HIGH, "*_PASS"),
            c(ENV_READ, "PASS_STORE", HIGH, "PASS_*"),
            c(ENV_READ, "GOOGLE_APPLICATION_CREDENTIALS", HIGH, "*CREDENTIAL*"),
            c(ENV_READ, "BASIC_AUTH", HIGH, "*AUTH*"),
            c(ENV_READ, "SSH_PRIVATE", HIGH, "*PRIVATE*"),
            c(ENV_READ, "SESSION_ID", HIGH, "*SESSION*"),
            c(ENV_READ, "COOKIE_JAR", HIGH, "*COOKIE*"),
            c(ENV_READ, "DATABASE_URL", HIGH, "*DATABASE_URL"),
            c(ENV_READ, "database_url", HIGH, "*DATABASE_URL"),
            c(ENV_READ, "TEST_DATABASE_URL", HIGH, "*DATABASE_URL"),
            c(ENV_READ, "SENTRY_DSN", HIGH, "*_DSN"),
            c(ENV_READ, "GITHUB_PAT", HIGH, "*_PAT"),
            c(ENV_READ, "API_BEARER", HIGH, "*BEARER*"),
            c(ENV_READ, "SERVICE_JWT", HIGH, "*_JWT"),
            c(ENV_READ, "DB_PWD", HIGH, "*_PWD"),
            c(ENV_READ, "AZURE_STORAGE_CONNECTION_STRING", HIGH, "*CONNECTION_STRING*"),
            c(ENV_READ, "SLACK_WEBHOOK_URL", HIGH, "*WEBHOOK*"),
            c(ENV_READ, "REDIS_URL", HIGH, "REDIS_URL"),
            c(ENV_READ, "MONGODB_URI", HIGH, "MONGODB_URI"),
            c(ENV_READ, "SSH_AUTH_SOCK", HIGH, "*AUTH*"),
            c(ENV_READ, "PATH", LOW, "<name>"),
            c(ENV_READ, "HOME", LOW, "<name>"));

    static final List<Case> OTHER_KINDS = List.of(
            c(SECRET_USE, "secret:gh-token@api.github.com", MEDIUM, "secret:<name>@<host>"),
            c(SCHEDULE, "*/15 * * * *; max=30s", HIGH, "<cron>"),
            c(DATA_SHARE, "plugin:acme/notes", MEDIUM, "plugin:<id>"));

    /** Scopes that resemble a row's place or name and must not be decided by it. */
    static final List<Case> NEAR_MISSES = List.of(
            c(FS_WRITE, "${workspace}/.github/workflows/ci.yml", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/.github/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/.git/objects/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/.gitignore", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/.gitattributes", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/vscode/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/docs/.bashrc.md", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/bin/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/src/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/*.json", HIGH, "${workspace}"),
            c(FS_WRITE, "${workspace}/?rc/**", HIGH, "${workspace}"),
            c(FS_WRITE, "${home}/binaries", CRITICAL, "${home}/<folder>"),
            c(FS_WRITE, "/usr/local/binx", CRITICAL, "/<path>"),
            c(FS_WRITE, "/usr/local/share/man", CRITICAL, "/<path>"),
            c(FS_WRITE, "/etc/hosts", CRITICAL, "/<path>"),
            c(FS_DELETE, "${workspace}/.git/hooks", HIGH, "${workspace}/<folder>"),
            c(FS_DELETE, "${workspace}/**", HIGH, "${workspace}"),
            c(FS_READ, "${workspace}/.git/config", LOW, "${workspace}/<folder>"),
            c(FS_READ, "${workspace}/.vscode/settings.json", LOW, "${workspace}/<folder>"),
            c(FS_READ, "${home}/.bash_history_backup", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.sshd", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.config/nvim/**", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.config/fish/config.fish", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.local/share/fonts", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.m2/repository/**", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.wardenrc", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.var/lib", HIGH, "${home}/<folder>"),
            c(FS_READ, "${home}/.historian", HIGH, "${home}/<folder>"),
            c(FS_WRITE, "${workspace}/lefthook.yml.bak", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/docs/cursor/**", MEDIUM, "${workspace}/<folder>"),
            c(FS_WRITE, "${workspace}/.git/modules.txt", MEDIUM, "${workspace}/<folder>"),
            c(FS_READ, "${home}/Library/Fonts", HIGH, "${home}/<folder>"),
            c(FS_READ, "${workspace}/*.env", MEDIUM, "${workspace}"),
            c(FS_READ, "${workspace}/*", MEDIUM, "${workspace}"),
            c(FS_READ, "${workspace}/src/*rc", LOW, "${workspace}/<folder>"),
            c(PROCESS_EXEC, "/usr/bin/shasum", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/shred", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/envsubst", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/printenv", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/javac", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/python-config", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/timedatectl", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/sgdisk", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/node-gyp", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/pythonista", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/openssl", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/gofmt", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/atop", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/makeinfo", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/sum", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/usr/bin/perldoc", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/opt/sh/tool", HIGH, "/<program>"),
            c(PROCESS_EXEC, "/opt/python3/bin/convert", HIGH, "/<program>"),
            c(MCP_SERVER, "stdio:${CLAUDE_PLUGIN_ROOT}/bin/python", HIGH, "stdio:${CLAUDE_PLUGIN_ROOT}/<program>"),
            c(ENV_READ, "OLD_PATH", LOW, "<name>"),
            c(ENV_READ, "MY_DYLD", LOW, "<name>"),
            c(ENV_READ, "DATABASE_NAME", LOW, "<name>"),
            c(ENV_READ, "BYPASS", LOW, "<name>"),
            c(ENV_READ, "LANG", LOW, "<name>"),
            c(ENV_READ, "PWD", LOW, "<name>"),
            c(ENV_READ, "OLDPWD", LOW, "<name>"),
            c(ENV_READ, "REDIS_HOST", LOW, "<name>"),
            c(NET_EGRESS, "https://localhost.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://notlocal.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://nip.io.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://homepage.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://nas.home.arpa.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://internal.example.com", LOW, "<host>"),
            c(NET_EGRESS, "https://co.uk", LOW, "<host>"),
            c(NET_EGRESS, "https://*.shop.co.uk", MEDIUM, "*.<domain>"),
            c(NET_EGRESS, "https://*.acme.github.io", MEDIUM, "*.<domain>"));

    @Test
    void ratesEachRootAsAWholeAndByANamedFirstFolder() {
        check(WHOLE_ROOTS_AND_NAMED_FOLDERS);
    }

    @Test
    void ratesReadingWritingOrDeletingASecretAsCritical() {
        check(SECRETS);
    }

    @Test
    void ratesWritingWhereAFileBecomesCodeAsCritical() {
        check(CODE);
    }

    @Test
    void ratesInterpretersLaunchersAndPackageRunnersAsCritical() {
        check(PROGRAMS);
    }

    @Test
    void ratesHostsByHowManyMachinesTheyReach() {
        check(HOSTS);
    }

    @Test
    void ratesEnvironmentVariablesThatHoldSecretsOrLoadLibrariesAsHigh() {
        check(ENVIRONMENT);
    }

    @Test
    void ratesTheKindsWithOneRow() {
        check(OTHER_KINDS);
    }

    @Test
    void leavesNearMissesToTheRowsTheyReallyMatch() {
        check(NEAR_MISSES);
    }

    @Test
    void aScopeIsAtLeastAsRiskyAsEveryPlaceItContains() {
        SoftAssertions soft = new SoftAssertions();
        // the whole of each root, written in each way a manifest may write it
        for (String scope : List.of("${workspace}", "${workspace}/**", "${workspace}/*", "${workspace}/*/**")) {
            soft.assertThat(PermissionKind.FS_WRITE.riskOf(scope)).as("fs.write " + scope).isEqualTo(CRITICAL);
        }
        for (String scope : List.of("${home}", "${home}/**", "${home}/*", "${home}/.*", "${home}/.config/**",
                "${home}/.local/**", "${home}/Library/**", "${home}/.cargo/**", "/", "/etc/**", "/usr/**", "/var/**")) {
            soft.assertThat(PermissionKind.FS_READ.riskOf(scope)).as("fs.read " + scope).isEqualTo(CRITICAL);
            soft.assertThat(PermissionKind.FS_WRITE.riskOf(scope)).as("fs.write " + scope).isEqualTo(CRITICAL);
        }
        soft.assertAll();
    }

    @Test
    void everyRowOfTheTableHasACaseHere() {
        List<Case> cases = allCases();
        List<String> missing = new ArrayList<>();
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            boolean covered = cases.stream().anyMatch(c -> rule.kinds().contains(c.kind()) && c.row().equals(rule.pattern()));
            if (!covered) {
                missing.add("line " + rule.line() + ": " + rule.kinds() + " " + rule.pattern());
            }
        }
        assertThat(missing).as("rows of %s without a case in this test", RiskTable.RESOURCE).isEmpty();
    }

    @Test
    void noRowIsWrittenTwiceForTheSameKind() {
        Set<String> seen = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            for (PermissionKind kind : rule.kinds()) {
                if (!seen.add(kind.id() + " " + rule.pattern())) {
                    twice.add("line " + rule.line() + ": " + kind.id() + " " + rule.pattern());
                }
            }
        }
        assertThat(twice).isEmpty();
    }

    @Test
    void theReviewReasonIsTheDecidingRowsReason() {
        Permission hooks = Permission.of(FS_WRITE, "${workspace}/**", "format the code");
        assertThat(hooks.risk()).isEqualTo(CRITICAL);
        assertThat(hooks.riskReason()).startsWith(".git/hooks: ").contains("runs as a program");
        assertThat(Permission.of(PROCESS_EXEC, "/usr/bin/python3", "run scripts").riskReason())
                .isEqualTo("python runs any code it is given: the same as running any program");
        assertThat(Permission.of(FS_READ, "${home}/.zsh_history", "suggest commands").riskReason())
                .startsWith(".zsh_history: every command you typed");
    }

    @Test
    void everySecretReadRowIsASecretLocationThatWildcardsNeverReach() {
        assertThat(PermissionKind.mayNameSecretLocation(".bash_history")).isTrue();
        assertThat(PermissionKind.mayNameSecretLocation(".python_history")).isTrue();
        assertThat(PermissionKind.mayNameSecretLocation(".pgpass")).isTrue();
        // places that only writing makes dangerous stay reachable by wildcards: ~/bin is not a secret
        assertThat(PermissionKind.mayNameSecretLocation("bin")).isFalse();
        assertThat(PermissionKind.mayNameSecretLocation("go")).isFalse();
    }

    @Test
    void aMalformedTableNamesTheLineAndWhatIsWrong() {
        assertThatThrownBy(() -> RiskTable.parse("# a comment\n\nfs.read\t${home}\tCRITICAL\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 3").hasMessageContaining("3 columns");
        assertThatThrownBy(() -> RiskTable.parse("fs.reed\t${home}\tCRITICAL\twhy\n"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown kind 'fs.reed'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t${home}\tSEVERE\twhy\n"))
                .hasMessageContaining("unknown risk 'SEVERE'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t${home}\tHIGH\t \n"))
                .hasMessageContaining("has no reason");
        assertThatThrownBy(() -> RiskTable.parse("fs.read\t~/.ssh\tHIGH\twhy\n"))
                .hasMessageContaining("file pattern '~/.ssh'");
        assertThatThrownBy(() -> RiskTable.parse("fs.read,env.read\tX\tHIGH\twhy\n"))
                .hasMessageContaining("mixes kinds");
        assertThatThrownBy(() -> RiskTable.parse("net.egress\t*.Example.com\tHIGH\twhy\n"))
                .hasMessageContaining("line 1").hasMessageContaining("host pattern");
    }

    @Test
    void everyReasonIsPlainTextThatReachesTheTerminalAsWritten() {
        // the table is not checked for controls when Warden reads it (that would cost every command's start)
        for (RiskTable.Rule rule : RiskTable.standard().rules()) {
            assertThat(UnsafeCharacters.firstUnsafe(rule.reason(), "\n\t")).as("line %d", rule.line()).isEmpty();
            assertThat(rule.reason()).as("line %d", rule.line()).isEqualTo(rule.reason().strip()).doesNotContain("\t");
        }
    }

    @Test
    void aTableWithoutARowForAScopeSaysSoInsteadOfGuessing() {
        RiskTable table = RiskTable.parse("fs.read\t**/.ssh\tCRITICAL\tkeys\n");
        assertThatThrownBy(() -> table.rate(FS_READ, new RiskPattern.FileSubject(FsScope.parse("${workspace}/docs"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no row");
    }

    private static List<Case> allCases() {
        return Stream.of(WHOLE_ROOTS_AND_NAMED_FOLDERS, SECRETS, CODE, PROGRAMS, HOSTS, ENVIRONMENT, OTHER_KINDS, NEAR_MISSES)
                .flatMap(List::stream).toList();
    }

    private static void check(List<Case> cases) {
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            RiskTable.Rating rating = Scopes.rate(c.kind(), c.scope());
            soft.assertThat(rating.risk()).as("risk of %s %s", c.kind(), c.scope()).isEqualTo(c.risk());
            soft.assertThat(rating.rule().pattern()).as("row deciding %s %s", c.kind(), c.scope()).isEqualTo(c.row());
        }
        soft.assertAll();
    }
}
