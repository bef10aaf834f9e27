package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The review, verify and grants say how risky each permission is and why, in the words of the risk table. */
class RiskOnTheReviewTest extends TrustedAcmeFixture {

    private Path formatter() throws Exception {
        return acme.sign(plugin("acme", "formatter")
                .permission("fs.write", "${workspace}/**", "format your code")
                .permission("process.exec", "/usr/bin/python3 -m black *", "run the formatter")
                .permission("fs.read", "${home}/.bash_history", "learn your commands")
                .permission("env.read", "LD_PRELOAD", "check the environment")
                .permission("net.egress", "https://api.example.com", "fetch style rules"), "formatter-1.0.0");
    }

    @Test
    void theInstallReviewRatesCodeExecutionEquivalentsCriticalAndSaysWhy() throws Exception {
        CliRunner.Result installed = warden.run("install", formatter().toString(), "--yes");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
        String out = installed.out();
        assertThat(out).contains("risk: .git/hooks: a file written there runs as a program the next time you use git")
                .contains("risk: python runs any code it is given")
                .contains("risk: .bash_history: every command you typed")
                .contains("risk: LD_ variables say which libraries every program loads")
                .contains("risk: one named host");
        // highest risk first: the three critical ones, then HIGH, then LOW
        assertThat(out.indexOf("CRITICAL")).isPositive().isLessThan(out.indexOf("HIGH "));
        assertThat(out.lastIndexOf("CRITICAL")).isLessThan(out.indexOf("HIGH "));
        assertThat(out.indexOf("HIGH ")).isLessThan(out.indexOf("LOW "));
        assertThat(out.split("CRITICAL", -1)).hasSize(4);
    }

    @Test
    void verifyAndGrantsGiveTheRiskReasonAsData() throws Exception {
        Path bundle = formatter();
        CliRunner.Result verified = warden.run("verify", "--json", bundle.toString());
        assertThat(verified.exitCode()).as(verified.all()).isZero();
        assertThat(verified.out()).contains("\"riskReason\" : \"python runs any code it is given: the same as running any program\"");

        assertThat(warden.run("install", bundle.toString(), "--yes").exitCode()).isZero();
        CliRunner.Result grants = warden.run("grants", "acme/formatter", "--json");
        assertThat(grants.exitCode()).as(grants.all()).isZero();
        assertThat(grants.out()).contains("\"riskReason\" : \"LD_ variables say which libraries every program loads\"");
    }
}
