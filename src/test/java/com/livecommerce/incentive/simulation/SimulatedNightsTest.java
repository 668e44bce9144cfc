package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.IncentiveBatchApplication;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Simulated nights under the policy actually used reproduce the real nights: from the state of
 * 11-29, the nights 11-30 to 12-03 simulated from the stored inputs write exactly the real run's
 * claims, grants, decisions, pools, statuses, clawbacks, expiries, usage and summaries.
 */
class SimulatedNightsTest {

	/** What the rules decide; not the ingest bookkeeping, nor the informational "last listed" dates. */
	private static final List<String> DECISIONS = List.of("broadcast_session", "violation", "account_day_total",
			"claim_baseline", "eligibility_decision", "claim", "coupon_grant", "pool_balance", "brand_pool_balance",
			"benchmark_event_outcome", "daily_summary", "account_status", "account_standing", "coupon_clawback",
			"coupon_expiry", "coupon_usage", "coupon_usage_history", "coupon_usage_adjustment", "account_last_broadcast",
			"brand_history", "account_history", "store_risk_history", "benchmark_event_history");

	@TempDir
	Path temp;

	@Test
	void theActualPolicySimulatedReproducesTheRealNights() {
		try (TestDatabase real = TestDatabase.create(); TestDatabase scratch = TestDatabase.create()) {
			Cli.Result nights = new Cli(real).run("nightly", "--from", "2023-11-29", "--to", "2023-12-03", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("real").toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			StateAsOf.copy(scratch.jdbc(), real.name(), LocalDate.of(2023, 11, 29));
			List<String> args = new ArrayList<>(scratch.springArguments());
			args.add("--incentive.simulation.source-schema=" + real.name());
			StringWriter progress = new StringWriter();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IncentiveBatchApplication.class)
				.web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run(args.toArray(String[]::new))) {
				context.getBean(SimulatedNights.class)
					.run(LocalDate.of(2023, 11, 30), LocalDate.of(2023, 12, 3), Path.of(Cli.EXAMPLE_POLICY),
							this.temp.resolve("simulated"), new PrintWriter(progress));
			}
			assertThat(progress.toString()).contains("simulated 2023-11-30", "simulated 2023-12-03");
			Map<String, List<String>> expected = TableDump.of(real.jdbc(), DECISIONS);
			Map<String, List<String>> actual = TableDump.of(scratch.jdbc(), DECISIONS);
			for (String table : DECISIONS) {
				assertThat(actual.get(table)).as(table).containsExactlyElementsOf(expected.get(table));
			}
		}
	}

}
