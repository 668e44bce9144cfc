package com.livecommerce.incentive.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.allocation.Scenario;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invariant checks find each kind of corruption, naming the rows; a sound ledger passes. */
class LedgerInvariantsTest {

	@TempDir
	Path temp;

	private TestDatabase db;

	private LedgerInvariants invariants;

	@BeforeEach
	void runScenario() throws IOException {
		this.db = TestDatabase.create();
		new Scenario(Scenario.ROOT.resolve("fcfs-caps")).run(this.db, this.temp);
		this.invariants = new LedgerInvariants(this.db.jdbc());
	}

	@AfterEach
	void tearDown() {
		this.db.close();
	}

	@Test
	void theScenarioIsSound() {
		assertThat(this.invariants.check("2023-11")).isEmpty();
		assertThat(this.invariants.check("2023-12")).isEmpty();
	}

	@Test
	void moreGrantedThanTheCapIsFound() {
		this.db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 5, status = 'GRANTED', limited_by = NULL"
				+ " WHERE grant_id = 'CS:Q-C3'");
		List<String> found = this.invariants.check("2023-11");
		assertThat(found).anyMatch(v -> v.contains("pool 2023-11 COLD_START: 15 coupons granted net of returns by 2023-11-30, cap that day 12"));
		assertThat(found).anyMatch(v -> v.contains("pool_balance 2023-11 COLD_START says 12 granted, 0 returned; the grants add up to 15 granted"));
	}

	@Test
	void aLaterClaimGrantedAfterARejectionIsFound() {
		this.db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 0, status = 'REJECTED', reject_reason = 'CAP_EXHAUSTED'"
				+ " WHERE grant_id = 'GR:Q-C1'");
		assertThat(this.invariants.check("2023-11"))
			.anyMatch(v -> v.contains("rejected CAP_EXHAUSTED") && v.contains("Q-C1") && v.contains("Q-C2"));
	}

	@Test
	void aSecondColdStartOfOneAccountIsFound() {
		this.db.jdbc().update("UPDATE coupon_grant SET account_id = 'C1' WHERE grant_id = 'CS:R-C5'");
		assertThat(this.invariants.check("2023-12"))
			.anyMatch(v -> v.equals("account C1 has 2 cold-start grants: CS:Q-C1,CS:R-C5"));
	}

	@Test
	void aStatusThatDoesNotMatchItsCouponsIsFound() {
		this.db.jdbc().update("UPDATE coupon_grant SET status = 'GRANTED' WHERE grant_id = 'GR:Q-C2'");
		assertThat(this.invariants.check("2023-11")).contains("grant GR:Q-C2: status GRANTED with 1 of 3 coupons granted");
	}

	@Test
	void aGrantWhoseBalanceGoesNegativeIsFound() {
		this.db.jdbc().update("INSERT INTO coupon_usage (grant_id, used_coupons, reported_used_coupons, impressions, views,"
				+ " interactions, as_of_date) VALUES ('GR:Q-C2', 3, 3, 0, 0, 0, '2023-11-30')");
		assertThat(this.invariants.check("2023-11"))
			.contains("grant GR:Q-C2: granted 1 = used 3 + clawed back 0 + expired 0 + unused -2, which is negative");
	}

	@Test
	void theRunScopedCheckFindsWhatARunCanBreak() {
		LocalDate nov30 = LocalDate.of(2023, 11, 30);
		LocalDate dec1 = LocalDate.of(2023, 12, 1);
		assertThat(this.invariants.checkRun(nov30)).isEmpty();
		assertThat(this.invariants.checkRun(dec1)).isEmpty();

		this.db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 5, status = 'GRANTED', limited_by = NULL"
				+ " WHERE grant_id = 'CS:Q-C3'");
		assertThat(this.invariants.checkRun(nov30)).contains("pool_balance 2023-11 COLD_START says 12 granted; the month's"
				+ " daily summaries add up to 12, the summary of 2023-11-30 says 12 and the grants of 2023-11-30 add up to 15");
		this.db.jdbc().update("UPDATE pool_balance SET granted_coupons = 15 WHERE pool_month = '2023-11' AND program = 'COLD_START'");
		assertThat(this.invariants.checkRun(nov30))
			.contains("pool 2023-11 COLD_START: 15 coupons granted net of returns by 2023-11-30, cap that day 12");

		this.db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 0, status = 'REJECTED', reject_reason = 'CAP_EXHAUSTED'"
				+ " WHERE grant_id = 'GR:Q-C1'");
		assertThat(this.invariants.checkRun(nov30))
			.anyMatch(v -> v.contains("rejected CAP_EXHAUSTED") && v.contains("Q-C1") && v.contains("Q-C2"));

		this.db.jdbc().update("UPDATE coupon_grant SET account_id = 'C1' WHERE grant_id = 'CS:R-C5'");
		assertThat(this.invariants.checkRun(dec1)).contains("account C1 has 2 cold-start grants: CS:Q-C1,CS:R-C5");

		this.db.jdbc().update("UPDATE coupon_grant SET status = 'PARTIAL' WHERE grant_id = 'GR:R-C4'");
		assertThat(this.invariants.checkRun(dec1)).contains("grant GR:R-C4: status PARTIAL with 1 of 1 coupons granted");

		this.db.jdbc().update("INSERT INTO coupon_usage (grant_id, used_coupons, reported_used_coupons, impressions, views,"
				+ " interactions, as_of_date) VALUES ('GR:Q-C2', 3, 3, 0, 0, 0, '2023-12-01')");
		assertThat(this.invariants.checkRun(dec1))
			.contains("grant GR:Q-C2: granted 1 = used 3 + clawed back 0 + expired 0 + unused -2, which is negative");
	}

	@Test
	void theNightlyRunFailsWhenTheLedgerIsBroken() throws IOException {
		this.db.jdbc().update("UPDATE pool_balance SET granted_coupons = 3 WHERE pool_month = '2023-12' AND program = 'GROWTH'");
		Path inbox = new Scenario(Scenario.ROOT.resolve("fcfs-caps")).completeInbox(this.temp.resolve("again"));
		java.nio.file.Files.createDirectories(inbox.resolve("2023-12-02"));
		for (String file : List.of("brands.csv", "accounts.csv", "store_risk.csv", "violations.csv", "benchmark_events.csv")) {
			java.nio.file.Files.copy(inbox.resolve("2023-12-01").resolve(file), inbox.resolve("2023-12-02").resolve(file));
		}
		java.nio.file.Files.writeString(inbox.resolve("2023-12-02/broadcasts.csv"),
				"session_id,account_id,started_at,ended_at,gmv_fen,order_count,viewer_count,watch_minutes,new_followers\n");
		java.nio.file.Files.write(inbox.resolve("2023-12-02/_SUCCESS"), new byte[0]);
		Cli.Result result = new Cli(this.db).run("nightly", "--date", "2023-12-02", "--inbox", inbox.toString(), "--out",
				this.temp.resolve("out").toString(), "--policy", Scenario.ROOT.resolve("fcfs-caps/policy").toString());
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("check-ledger").contains("pool_balance 2023-12 GROWTH says 3 granted; the month's daily summaries add up to 1");
	}

}
