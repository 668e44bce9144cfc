package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails in the middle of the first-come-first-served pass, and is run again, ends
 * with exactly the grants and pools of a run that never failed: the pool counters of the
 * committed chunks are not counted twice, the rolled-back chunk is served again.
 */
class AllocationRestartTest {

	static final List<String> ALLOCATION_TABLES = List.of("coupon_grant", "claim", "pool_balance",
			"brand_pool_balance", "benchmark_event_outcome", "daily_summary", "policy_version");

	@TempDir
	Path temp;

	@Test
	void failureInTheMiddleOfAllocationThenRestartEndsLikeACleanRun() {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase faulty = TestDatabase.create()) {
			runExampleDays(clean, "clean", 2);

			runExampleDays(faulty, "faulty", 1);
			Triggers.failInsert(faulty, "fail_allocation", "coupon_grant", "NEW.grant_id = 'GR:S1130-0117'",
					"injected failure while allocating");
			Cli.Result failed = nightly(faulty, "2023-11-30", "faulty");
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("FAILED in step allocate").contains("injected failure");
			long committed = faulty.jdbc().queryForObject(
					"SELECT COUNT(*) FROM coupon_grant WHERE business_date = '2023-11-30'", Long.class);
			assertThat(committed).as("chunks before the failing one stay committed").isPositive();

			Triggers.drop(faulty, "fail_allocation");
			Cli.Result restarted = nightly(faulty, "2023-11-30", "faulty");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(TableDump.of(faulty.jdbc(), ALLOCATION_TABLES)).isEqualTo(TableDump.of(clean.jdbc(), ALLOCATION_TABLES));
		}
	}

	/**
	 * derive-claims runs in parts; one part fails, the other completes. The run is restarted with
	 * another number of parts configured (another host, a changed setting): it keeps its first
	 * attempt's parts, so the failed part is worked again and no account's claims are lost.
	 */
	@Test
	void aPartThatFailedIsWorkedAgainWhenTheRestartIsConfiguredForOtherParts() {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase faulty = TestDatabase.create()) {
			runExampleDays(clean, "clean", 2);
			List<String> tables = new ArrayList<>(ALLOCATION_TABLES);
			tables.add("eligibility_decision");

			runExampleDays(faulty, "faulty", 1);
			// the day's last account is in the last range of accounts: part 1 of 2
			Triggers.failInsert(faulty, "fail_second_part", "eligibility_decision",
					"NEW.business_date = '2023-11-30' AND NEW.account_id = (SELECT MAX(account_id) FROM broadcast_session"
							+ " WHERE business_date = '2023-11-30')",
					"injected failure in part 1");
			Cli.Result failed = nightly(faulty, "2023-11-30", "faulty", "--incentive.parallel.parts=2");
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("FAILED in step derive-claims").contains("injected failure in part 1");
			assertThat(faulty.jdbc().queryForObject(
					"SELECT COUNT(*) FROM eligibility_decision WHERE business_date = '2023-11-30'", Long.class))
				.as("the part that completed stays committed")
				.isPositive();

			Triggers.drop(faulty, "fail_second_part");
			Cli.Result restarted = nightly(faulty, "2023-11-30", "faulty", "--incentive.parallel.parts=1");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(TableDump.of(faulty.jdbc(), tables)).isEqualTo(TableDump.of(clean.jdbc(), tables));
		}
	}

	private void runExampleDays(TestDatabase db, String out, int days) {
		for (String day : List.of("2023-11-29", "2023-11-30").subList(0, days)) {
			assertThat(nightly(db, day, out).exitCode()).isZero();
		}
	}

	private Cli.Result nightly(TestDatabase db, String day, String out, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--incentive.allocation.chunk-size=20"));
		arguments.addAll(List.of(settings));
		return new Cli(db, arguments.toArray(String[]::new)).exampleNight(day, this.temp.resolve(out));
	}

}
