package com.livecommerce.incentive.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.allocation.Scenario;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A month whose ledger is broken is not closed: the run fails, naming the rows, and can be resumed once fixed. */
class MonthlyVerificationTest {

	@TempDir
	Path temp;

	@Test
	void aCorruptedRowFailsTheMonthBeforeAnythingIsClosedOrSent() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			new Scenario(Scenario.ROOT.resolve("fcfs-caps")).run(db, this.temp);
			db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 4 WHERE grant_id = 'CS:Q-C4'");
			Cli.Result failed = monthly(db);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("FAILED in step verify-ledger")
				.contains("ledger invariants broken in month 2023-11")
				.contains("grant CS:Q-C4: status REJECTED with 4 of 5 coupons granted")
				.contains("monthly --month 2023-11");
			assertThat(db.jdbc().queryForList("SELECT DISTINCT closed FROM pool_balance WHERE pool_month = '2023-11'",
					Boolean.class)).containsExactly(false);
			assertThat(db.count("monthly_summary") + db.count("notification_batch WHERE job = 'monthly'")).isZero();

			db.jdbc().update("UPDATE coupon_grant SET granted_coupons = 0 WHERE grant_id = 'CS:Q-C4'");
			Cli.Result resumed = monthly(db);
			assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
			assertThat(db.count("monthly_summary")).isPositive();
		}
	}

	private Cli.Result monthly(TestDatabase db) {
		return new Cli(db).run("monthly", "--month", "2023-11", "--out", this.temp.resolve("out").toString(), "--policy",
				Scenario.ROOT.resolve("fcfs-caps/policy").toString());
	}

}
