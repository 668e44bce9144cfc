package com.livecommerce.incentive.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

	private static final Path SEED = Path.of("jobs/policy/2023-11-29.yaml");

	@TempDir
	Path dir;

	@Test
	void seedPolicyLoadsWithTheSpecDefaults() {
		PolicySet set = PolicyLoader.load(Path.of("jobs/policy"));
		Policy p = set.inForceOn(LocalDate.of(2023, 11, 29)).orElseThrow();
		assertThat(p.version()).isEqualTo("2023-11-29");
		assertThat(p.effectiveTo()).isEqualTo(LocalDate.of(2023, 12, 28));
		assertThat(p.industries()).containsExactly("BEAUTY", "APPAREL", "FOOD", "HOME", "DIGITAL", "MOTHER_BABY");
		assertThat(p.coupon().faceValueFen()).isEqualTo(10000L);
		assertThat(p.programs().coldStart().monthlyCap()).isEqualTo(2000);
		assertThat(p.programs().coldStart().perBrandMonthlyCap()).isEqualTo(50);
		assertThat(p.programs().growth().tiers()).extracting(Policy.Tier::name).containsExactly("G3", "G2", "G1");
		assertThat(p.programs().growth().tiers().get(0).minGrowth()).isEqualByComparingTo("0.5");
		assertThat(p.programs().growth().tiers().get(2).minGrowth()).isNull();
		assertThat(p.programs().benchmark().perBrandMonthlyCap()).isNull();
		assertThat(p.programs().benchmark().milestones()).extracting(Policy.Milestone::pct).containsExactly(50, 100, 150);
		assertThat(p.risk().restrictRefundRateAtLeast()).isEqualTo(new BigDecimal("0.30"));
		assertThat(set.inForceOn(LocalDate.of(2023, 12, 29))).isEmpty();
		assertThat(set.inForceOn(LocalDate.of(2023, 11, 28))).isEmpty();
	}

	/** Issue 36: one launch parses the directory once; a file that changes is parsed again. */
	@Test
	void aDirectoryIsParsedOnceUntilItsFilesChange() throws IOException {
		java.nio.file.Files.copy(SEED, this.dir.resolve("2023-11-29.yaml"));
		PolicySet first = PolicyLoader.load(this.dir);
		assertThat(PolicyLoader.load(this.dir)).as("the same files: the same set, not parsed again").isSameAs(first);
		java.nio.file.Path file = this.dir.resolve("2023-11-29.yaml");
		java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("monthly_cap: 2000",
				"monthly_cap: 2001"));
		PolicySet changed = PolicyLoader.load(this.dir);
		assertThat(changed).isNotSameAs(first);
		assertThat(changed.versions().get(0).programs().coldStart().monthlyCap()).isEqualTo(2001);
	}

	@Test
	void badYamlIsRefusedWithFileAndLine() throws IOException {
		write("a.yaml", "version: \"x\"\neffective_from: [unclosed\n");
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("a.yaml")
			.hasMessageContaining("line");
	}

	@Test
	void unknownKeyIsRefusedNamingTheKey() throws IOException {
		write("a.yaml", seed().replace("    dormant_days: 60", "    dormant_days: 60\n    dormancy_bonus: 3"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("unknown key 'dormancy_bonus'")
			.hasMessageContaining("COLD_START");
	}

	@Test
	void negativeCapIsRefused() throws IOException {
		write("a.yaml", seed().replace("monthly_cap: 20000", "monthly_cap: -1"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("programs.GROWTH.monthly_cap must not be negative");
	}

	@Test
	void fractionalCountIsRefusedNotTruncated() throws IOException {
		write("a.yaml", seed().replace("coupons: 5\n", "coupons: 5.5\n"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("a.yaml");
	}

	@Test
	void missingKeyIsRefused() throws IOException {
		write("a.yaml", seed().replace("  validity_days: 30              # unused coupons expire at the end of grant date + 30\n", ""));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("coupon.validity_days is required");
	}

	@Test
	void overlappingVersionsAreRefused() throws IOException {
		write("a.yaml", seed());
		write("b.yaml", seed().replace("version: \"2023-11-29\"", "version: \"2023-12-20\"")
			.replace("effective_from: 2023-11-29", "effective_from: 2023-12-20")
			.replace("effective_to: 2023-12-28", "effective_to: 2024-01-31"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("overlaps");
	}

	@Test
	void consecutiveVersionsLoadAndEachGovernsItsDates() throws IOException {
		write("a.yaml", seed());
		write("b.yaml", seed().replace("version: \"2023-11-29\"", "version: \"2023-12-29\"")
			.replace("effective_from: 2023-11-29", "effective_from: 2023-12-29")
			.replace("effective_to: 2023-12-28", "effective_to: 2024-01-31"));
		PolicySet set = PolicyLoader.load(this.dir);
		assertThat(set.inForceOn(LocalDate.of(2023, 12, 28)).orElseThrow().version()).isEqualTo("2023-11-29");
		assertThat(set.inForceOn(LocalDate.of(2023, 12, 29)).orElseThrow().version()).isEqualTo("2023-12-29");
		assertThat(set.forIngestOn(LocalDate.of(2024, 3, 1)).version()).isEqualTo("2023-12-29");
		assertThat(set.forIngestOn(LocalDate.of(2023, 1, 1)).version()).isEqualTo("2023-11-29");
	}

	@Test
	void tiersMustHaveUniqueNamesAndMilestonesMustRise() throws IOException {
		write("a.yaml", seed().replace("{name: G2,", "{name: G3,"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("tiers[1].name");
		write("a.yaml", seed().replace("{pct: 100, coupons: 10}", "{pct: 40, coupons: 10}"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("milestones[1].pct");
	}

	/** Hostile case 1: a key written twice is a mistake, not "the last one wins". */
	@Test
	void aRepeatedKeyIsRefusedNamingItsLine() throws IOException {
		write("a.yaml", seed().replace("    monthly_cap: 2000\n", "    monthly_cap: 2000\n    monthly_cap: 2400\n"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("a.yaml line 16")
			.hasMessageContaining("duplicate key 'monthly_cap'");
		write("a.yaml", seed().replace("risk:  ", "coupon:\n  face_value_fen: 1\n  validity_days: 1\nrisk:  "));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("duplicate key 'coupon'");
		assertThatThrownBy(() -> PolicyLoader.parse(seed().replace("version: \"2023-11-29\"\n",
				"version: \"2023-11-29\"\nversion: \"x\"\n"), Path.of("recorded")))
			.hasMessageContaining("duplicate key 'version'");
	}

	/**
	 * Hostile case 3: tiers are listed from the most demanding down; the first one met wins. A tier
	 * that asks no more than a tier above it in both min_gmv_fen and min_growth could never be
	 * reached, so the file is refused, naming both.
	 */
	@Test
	void tiersThatCouldNeverBeReachedAreRefused() throws IOException {
		String g3 = "      - {name: G3, min_gmv_fen: 5000000, min_growth: 0.5, coupons: 8}\n";
		String g1 = "      - {name: G1, min_gmv_fen: 100000, coupons: 1}\n";
		write("a.yaml", seed().replace(g3, "TOP").replace(g1, g3).replace("TOP", g1));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("programs.GROWTH.tiers[1] (G2) can never be met")
			.hasMessageContaining("tiers[0] (G1) asks no more")
			.hasMessageContaining("most demanding first");
		// the same GMV, less growth: unreachable too
		write("a.yaml", seed().replace("{name: G2, min_gmv_fen: 1000000, min_growth: 0.2",
				"{name: G2, min_gmv_fen: 5000000, min_growth: 0.5"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("tiers[1] (G2) can never be met");
		// more GMV but less growth than the tier above: reachable, accepted
		write("a.yaml", seed().replace("{name: G2, min_gmv_fen: 1000000, min_growth: 0.2",
				"{name: G2, min_gmv_fen: 9000000, min_growth: 0.2"));
		assertThat(PolicyLoader.load(this.dir).versions()).hasSize(1);
		// a tier without min_growth (no baseline needed) below one with it at the same GMV: reachable
		write("a.yaml", seed().replace("{name: G1, min_gmv_fen: 100000,", "{name: G1, min_gmv_fen: 1000000,"));
		assertThat(PolicyLoader.load(this.dir).versions()).hasSize(1);
	}

	/** Hostile case 4: dates the tables cannot hold are refused before anything runs. */
	@Test
	void datesOutsideTheSupportedRangeAreRefused() throws IOException {
		write("a.yaml", seed().replace("effective_to: 2023-12-28", "effective_to: +999999999-12-31"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("effective_to +999999999-12-31 is outside 2000-01-01 to 2099-12-31");
		write("a.yaml", seed().replace("effective_from: 2023-11-29", "effective_from: 1999-12-31"));
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("effective_from 1999-12-31 is outside");
		write("a.yaml", seed().replace("effective_to: 2023-12-28", "effective_to: 2099-12-31"));
		assertThat(PolicyLoader.load(this.dir).versions()).hasSize(1);
	}

	@Test
	void emptyOrMissingDirectoryIsRefused() {
		assertThatThrownBy(() -> PolicyLoader.load(this.dir)).hasMessageContaining("holds no policy version");
		assertThatThrownBy(() -> PolicyLoader.load(this.dir.resolve("nope"))).hasMessageContaining("does not exist");
	}

	private static String seed() throws IOException {
		return Files.readString(SEED);
	}

	private void write(String name, String text) throws IOException {
		Files.writeString(this.dir.resolve(name), text);
	}

	/**
	 * Issue 34 point 5: a policy file that is a link out of the policy directory is refused by name,
	 * its target never read; and no message quotes more of a file than one line, cut to 200 characters.
	 */
	@Test
	void aLinkOutOfTheDirectoryIsRefusedByNameAndNoMessageQuotesMoreThanOneLine() throws IOException {
		Path outside = Files.createDirectories(this.dir.resolve("elsewhere")).resolve("secrets.txt");
		StringBuilder secrets = new StringBuilder();
		for (int i = 0; i < 40; i++) {
			secrets.append("user").append(i).append(":x:").append(1000 + i).append(":1000:secret line ").append(i)
				.append(":/home/user").append(i).append(":/bin/bash\n");
		}
		Files.writeString(outside, secrets);
		Path policies = Files.createDirectories(this.dir.resolve("policy"));
		Files.copy(SEED, policies.resolve("2023-11-29.yaml"));
		Files.createSymbolicLink(policies.resolve("zz.yaml"), outside);
		assertThatThrownBy(() -> PolicyLoader.load(policies)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("zz.yaml")
			.hasMessageContaining("a link to a file outside the policy directory")
			.satisfies(e -> assertThat(e.getMessage()).doesNotContain("user0").doesNotContain("secret"));
		Path passwd = Path.of("/etc/passwd");
		if (Files.isReadable(passwd)) {
			Files.delete(policies.resolve("zz.yaml"));
			Files.createSymbolicLink(policies.resolve("zz.yaml"), passwd);
			assertThatThrownBy(() -> PolicyLoader.load(policies)).isInstanceOf(PolicyException.class)
				.hasMessageContaining("a link to a file outside the policy directory")
				.satisfies(e -> assertThat(e.getMessage()).doesNotContain("root:"));
		}

		// the same text in a file of the directory: at most its one offending line, cut to 200 characters
		Files.delete(policies.resolve("zz.yaml"));
		Files.writeString(policies.resolve("zz.yaml"), secrets.toString().replace("\n", " " + "x".repeat(300) + "\n"));
		assertThatThrownBy(() -> PolicyLoader.load(policies)).isInstanceOf(PolicyException.class)
			.hasMessageContaining("zz.yaml")
			.satisfies(e -> {
				assertThat(e.getMessage()).doesNotContain("user1:");
				assertThat(e.getMessage().length()).as(e.getMessage()).isLessThan(500);
			});
	}

}
