package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.nio.file.Path;
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

			Migrations.apply(faulty);
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

	private void runExampleDays(TestDatabase db, String out, int days) {
		for (String day : List.of("2023-11-29", "2023-11-30").subList(0, days)) {
			assertThat(nightly(db, day, out).exitCode()).isZero();
		}
	}

	private Cli.Result nightly(TestDatabase db, String day, String out) {
		return new Cli(db, "--incentive.allocation.chunk-size=20").exampleNight(day, this.temp.resolve(out));
	}

}
