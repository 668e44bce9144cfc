package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario under src/test/resources/scenarios through the nightly job and compares
 * the coupon_grant rows (and benchmark outcomes) with the ones worked out by hand in the
 * scenario. Every column the expected file names is compared, for every row.
 */
class ScenarioTest {

	@TestFactory
	Stream<DynamicTest> scenarios() throws IOException {
		return Scenario.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
	}

	private static void check(Scenario scenario) throws IOException {
		Path work = Files.createTempDirectory("scenario-" + scenario.name());
		try (TestDatabase db = TestDatabase.create()) {
			scenario.run(db, work);
			for (String table : scenario.expectedTables()) {
				compare(db, scenario, table);
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
