package com.livecommerce.incentive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policy check}: the directory validated as the jobs do, each version new, unchanged or
 * refused, side by side; exit 0 or 2.
 */
class PolicyCheckCommandTest {

	@TempDir
	Path temp;

	@Test
	void showsEachVersionNewUnchangedOrRefusedSideBySide() throws IOException {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Cli cli = new Cli(db);
			Cli.Result fresh = cli.run("policy", "check", "--policy", Cli.EXAMPLE_POLICY);
			assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
			assertThat(fresh.out()).contains("1 version(s), each valid; nothing has run on this database yet",
					"status  ", "NEW", "COLD_START monthly_cap", "GROWTH tiers");
			assertThat(db.count("information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")).as("reads only")
				.isZero();

			Path out = this.temp.resolve("out");
			assertThat(cli.exampleNight("2023-11-29", out).exitCode()).isZero();
			Cli.Result used = cli.run("policy", "check", "--policy", Cli.EXAMPLE_POLICY);
			assertThat(used.exitCode()).as(used.toString()).isZero();
			assertThat(used.out()).contains("UNCHANGED (used from 2023-11-29)", "every job would accept this directory");

			// a new version after the used one, with a lower cold-start cap: accepted, the change marked
			Path policy = this.temp.resolve("policy");
			OutputFiles.copy(Path.of(Cli.EXAMPLE_POLICY), policy);
			String used2311 = Files.readString(policy.resolve("2023-11-29.yaml"));
			Files.writeString(policy.resolve("2023-12-29.yaml"), used2311.replace("version: \"2023-11-29\"",
					"version: \"2023-12-29\"")
				.replace("effective_from: 2023-11-29", "effective_from: 2023-12-29")
				.replace("effective_to: 2023-12-28", "effective_to: 2024-06-30")
				.replaceFirst("monthly_cap: 18", "monthly_cap: 12"));
			Cli.Result next = cli.run("policy", "check", "--policy", policy.toString());
			assertThat(next.exitCode()).as(next.toString()).isZero();
			assertThat(next.out()).contains("2023-11-29", "2023-12-29", "UNCHANGED", "NEW", "12 *");
			assertThat(next.out().lines().filter(l -> l.startsWith("COLD_START monthly_cap")).findFirst().orElseThrow())
				.matches("COLD_START monthly_cap\\s+18\\s+12 \\*");

			// the used version edited: refused, named, exit 2
			Files.writeString(policy.resolve("2023-11-29.yaml"), used2311.replaceFirst("monthly_cap: 18", "monthly_cap: 20"));
			Cli.Result edited = cli.run("policy", "check", "--policy", policy.toString());
			assertThat(edited.exitCode()).isEqualTo(2);
			assertThat(edited.out()).contains("EDITED (used from 2023-11-29)");
			assertThat(edited.err()).contains("refused: policy version \"2023-11-29\" governed 2023-11-29",
					"no longer says what it said then");

			// the used version gone: refused
			Files.delete(policy.resolve("2023-11-29.yaml"));
			Cli.Result missing = cli.run("policy", "check", "--policy", policy.toString());
			assertThat(missing.exitCode()).isEqualTo(2);
			assertThat(missing.out()).contains("MISSING");
			assertThat(missing.err()).contains("no file of " + policy + " holds it any more");

			// an invalid directory: as the jobs say it, before the database
			Files.writeString(policy.resolve("broken.yaml"), "version: [");
			Cli.Result broken = cli.run("policy", "check", "--policy", policy.toString());
			assertThat(broken.exitCode()).isEqualTo(2);
			assertThat(broken.err()).startsWith("bad policy: ");
			assertThat(cli.run("policy").exitCode()).as("policy needs a subcommand").isEqualTo(2);
		}
	}

}
