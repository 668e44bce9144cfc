package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy file edited after its version governed a run changes nothing of that version (SPEC
 * §2.1): past grants stay, and later dates of the version use the text it had when first used. A
 * change of policy is a new version.
 */
class PolicyVersionTest {

	@TempDir
	Path temp;

	@Test
	void editingAPolicyFileLaterChangesNothingOfItsVersion() throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy"));
		Path file = policy.resolve("v.yaml");
		String original = Files.readString(Path.of("jobs/examples/policy/2023-11-29.yaml"));
		Files.writeString(file, original);
		try (TestDatabase db = TestDatabase.create()) {
			assertThat(nightly(db, "2023-11-29", policy).exitCode()).isZero();
			List<String> firstDay = grantsOf(db, "2023-11-29");
			assertThat(firstDay).isNotEmpty();

			Files.writeString(file, original.replace("face_value_fen: 10000", "face_value_fen: 99900"));
			Cli.Result second = nightly(db, "2023-11-30", policy);
			assertThat(second.exitCode()).as(second.toString()).isZero();

			assertThat(grantsOf(db, "2023-11-29")).isEqualTo(firstDay);
			assertThat(db.jdbc().queryForList("SELECT DISTINCT face_value_fen FROM coupon_grant WHERE business_date = '2023-11-29'",
					Long.class)).containsExactly(10000L);
			assertThat(db.jdbc().queryForList("SELECT DISTINCT face_value_fen FROM coupon_grant WHERE business_date = '2023-11-30'",
					Long.class)).as("the version keeps its first text").containsExactly(10000L);
			assertThat(db.jdbc().queryForObject("SELECT content FROM policy_version WHERE version = '2023-11-29'", String.class))
				.as("the text the first grants were made under").isEqualTo(original);
		}
	}

	private static List<String> grantsOf(TestDatabase db, String day) {
		return db.jdbc().queryForList("SELECT CONCAT_WS('|', grant_id, requested_coupons, granted_coupons, face_value_fen,"
				+ " status, expires_on, policy_version) FROM coupon_grant WHERE business_date = ? ORDER BY grant_id",
				String.class, day);
	}

	private Cli.Result nightly(TestDatabase db, String day, Path policy) {
		return new Cli(db).run("nightly", "--date", day, "--inbox", "jobs/examples/inbox", "--out",
				this.temp.resolve("out").toString(), "--policy", policy.toString());
	}

}
