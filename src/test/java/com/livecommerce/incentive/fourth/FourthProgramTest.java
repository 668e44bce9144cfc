package com.livecommerce.incentive.fourth;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program is one descriptor, its rule, its texts and its registration (docs/layout.md): the
 * test-only STEADY program ({@link SteadyProgram}), registered by src/test/fourth-program on the
 * class path of a child JVM and nowhere else, goes through policy check, a night (claims drawn
 * first come first served from its own pool, messages, daily summary) and explain, with no
 * production file touched. The same directory without the registration is refused by name.
 */
class FourthProgramTest {

	private static final Path REGISTRATION = Path.of("src/test/fourth-program");

	private static final String DATE = "2023-11-29";

	@TempDir
	Path temp;

	@Test
	void aFourthProgramRegisteredOnTheClassPathGoesThroughPolicyCheckANightAndExplain() throws Exception {
		Path policy = this.temp.resolve("policy");
		OutputFiles.copy(Path.of(Cli.EXAMPLE_POLICY), policy);
		Path version = policy.resolve(DATE + ".yaml");
		String text = Files.readString(version);
		Files.writeString(version, text.replace("\nrisk:", """

				  STEADY:
				    monthly_cap: 5
				    min_sessions: 2
				    coupons: 1
				risk:""".stripIndent()));
		Path out = this.temp.resolve("out");
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Cli.Result unregistered = new Cli(db).run("policy", "check", "--policy", policy.toString());
			assertThat(unregistered.exitCode()).as("without its registration").isEqualTo(2);
			assertThat(unregistered.err()).contains("unknown key 'STEADY' under programs");

			String check = child(db, "policy", "check", "--policy", policy.toString());
			assertThat(check).contains("STEADY monthly_cap", "STEADY min_sessions", "STEADY coupons");
			assertThat(check.lines().filter(l -> l.startsWith("STEADY min_sessions")).findFirst().orElseThrow())
				.matches("STEADY min_sessions\\s+2");

			child(db, "nightly", "--date", DATE, "--inbox", Cli.EXAMPLE_INBOX, "--out", out.toString(), "--policy",
					policy.toString());
			List<Map<String, Object>> grants = db.jdbc().queryForList("""
					SELECT grant_id, account_id, session_id, status, requested_coupons, granted_coupons FROM coupon_grant
					WHERE program = 'STEADY' ORDER BY grant_id""");
			assertThat(grants).as("accounts with two sessions or more claim").isNotEmpty();
			assertThat(grants).allSatisfy(g -> assertThat((String) g.get("grant_id")).startsWith("ST:"));
			long granted = grants.stream().mapToLong(g -> ((Number) g.get("granted_coupons")).longValue()).sum();
			assertThat(granted).as("the pool of 5 is not overdrawn").isLessThanOrEqualTo(5);
			if (grants.size() > 5) {
				assertThat(grants).as("first come first served: later claims find the pool empty")
					.anySatisfy(g -> assertThat(g.get("status")).isEqualTo("REJECTED"));
			}
			assertThat(db.jdbc().queryForObject("""
					SELECT granted_coupons FROM pool_balance WHERE program = 'STEADY' AND pool_month = '2023-11'""",
					Long.class)).isEqualTo(granted);
			assertThat(db.jdbc().queryForObject("""
					SELECT coupons_granted FROM daily_summary WHERE program = 'STEADY' AND business_date = ?""",
					Long.class, DATE)).isEqualTo(granted);
			String account = (String) grants.stream()
				.filter(g -> "GRANTED".equals(g.get("status")))
				.findFirst()
				.orElseThrow()
				.get("account_id");
			assertThat(db.jdbc().queryForObject("""
					SELECT COUNT(*) FROM notification WHERE account_id = ? AND business_date = ?
					  AND body LIKE '%稳定开播扶持%'""", Long.class, account, DATE)).as("its message names it").isPositive();

			String explained = child(db, "explain", "--account", account, "--date", DATE);
			assertThat(explained).contains("稳定开播扶持 STEADY (§六): CLAIMED", "session(s) on the day, 2 needed");
			assertThat(explained.lines().findFirst().orElseThrow()).startsWith("结论：").contains("稳定开播扶持");
		}
	}

	/** Runs the command in a child JVM with the program's registration on its class path; exit 0 asserted. */
	private String child(TestDatabase db, String... args) throws Exception {
		Path log = Files.createTempFile(this.temp, "child", ".log");
		Process process = ChildProcess.start(db, log, Map.of(), List.of(REGISTRATION), args);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
		return output;
	}

}
