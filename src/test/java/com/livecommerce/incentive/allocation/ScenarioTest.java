package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.explain.ExplainChecks;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario under src/test/resources/scenarios through the nightly job and compares
 * the coupon_grant rows (and benchmark outcomes, statuses, eligibility decisions) with the ones
 * worked out by hand in the scenario. Every column the expected file names is compared, for every
 * row. Then explain answers for every account-day of the scenario and must agree with the run
 * ({@link ExplainChecks}); taken together, the scenarios show every reason code and every
 * cold-start and growth outcome.
 */
class ScenarioTest {

	private static final ExplainChecks.Seen SEEN = new ExplainChecks.Seen(new TreeSet<>(), new TreeSet<>(),
			new TreeSet<>(), 0, 0);

	private static final java.util.concurrent.atomic.AtomicInteger DISQUALIFIED_DAYS = new java.util.concurrent.atomic.AtomicInteger();

	@TestFactory
	Stream<DynamicTest> scenarios() throws IOException {
		return Stream.concat(Scenario.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s))),
				Stream.of(DynamicTest.dynamicTest("every reason code and outcome is in some scenario", () -> {
					// ACCOUNT_DISQUALIFIED cannot be the first failing check: the risk step decides every
					// account that is not ACTIVE again each night before claims, so an account is
					// DISQUALIFIED exactly while its store is CLOSED, and STORE is checked first.
					assertThat(SEEN.reasons()).as("eligibility_decision.reason")
						.containsAll(Stream.of(EligibilityRule.Reason.values())
							.filter(r -> r != EligibilityRule.Reason.ACCOUNT_DISQUALIFIED)
							.map(Enum::name)
							.toList());
					assertThat(DISQUALIFIED_DAYS.get()).as("DISQUALIFIED account-days seen (all STORE_CLOSED)").isPositive();
					assertThat(SEEN.coldStart()).as("eligibility_decision.cold_start")
						.containsAll(Stream.of(ColdStartRule.Outcome.values()).map(Enum::name).toList());
					assertThat(SEEN.growth()).as("eligibility_decision.growth")
						.containsAll(Stream.of(GrowthRule.Outcome.values()).map(Enum::name).toList());
				})));
	}

	private static void check(Scenario scenario) throws IOException {
		Path work = Files.createTempDirectory("scenario-" + scenario.name());
		try (TestDatabase db = TestDatabase.create()) {
			scenario.run(db, work);
			for (String table : scenario.expectedTables()) {
				compare(db, scenario, table);
			}
			ExplainChecks.Seen seen = ExplainChecks.everyAccountDay(db.jdbc());
			List<String> disqualified = db.jdbc().queryForList(
					"SELECT COALESCE(reason, '') FROM eligibility_decision WHERE account_status = 'DISQUALIFIED'", String.class);
			assertThat(disqualified).as("%s: a DISQUALIFIED account's store is CLOSED", scenario.name())
				.allMatch("STORE_CLOSED"::equals);
			DISQUALIFIED_DAYS.addAndGet(disqualified.size());
			synchronized (SEEN) {
				SEEN.reasons().addAll(seen.reasons());
				SEEN.coldStart().addAll(seen.coldStart());
				SEEN.growth().addAll(seen.growth());
			}
		}
	}

	/** Every row of the table, projected to the columns the expected file names, as sorted text. */
	private static void compare(TestDatabase db, Scenario scenario, String table) throws IOException {
		Scenario.Expected expected = scenario.expected(table);
		List<String> columns = expected.columns();
		String select = String.join(", ", columns.stream().map(c -> "COALESCE(CAST(" + c + " AS CHAR), '')").toList());
		List<String> actualRows = db.jdbc().query("SELECT " + select + " FROM " + table, (rs, i) -> {
			List<String> values = new ArrayList<>();
			for (int c = 1; c <= columns.size(); c++) {
				values.add(rs.getString(c));
			}
			return String.join(" | ", values);
		}).stream().sorted().toList();
		List<String> expectedRows = expected.rows()
			.stream()
			.map(r -> String.join(" | ", columns.stream().map(r::get).toList()))
			.sorted()
			.toList();
		assertThat(actualRows).as("%s: %s (%s)", scenario.name(), table, String.join(" | ", columns))
			.containsExactlyElementsOf(expectedRows);
	}

}
