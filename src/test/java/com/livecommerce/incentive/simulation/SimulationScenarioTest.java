package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.allocation.Scenario;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Candidate policies simulated over hand-worked scenarios (src/test/resources/simulations/<case>/:
 * the scenario it starts from in {@code base}, the candidate in {@code policy/}, the working in
 * README.md): every {@code expected_<table>.csv} of the scratch schema and the comparison with the
 * actual runs are exactly the ones worked out by hand (every column the expected files name, every
 * row).
 */
class SimulationScenarioTest {

	private static final Path CASES = Path.of("src/test/resources/simulations");

	@TestFactory
	Stream<DynamicTest> candidatePoliciesShowTheDifferencesWorkedOutByHand() throws IOException {
		try (Stream<Path> cases = Files.list(CASES)) {
			return cases.sorted().toList().stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
					() -> simulate(c)));
		}
	}

	private static void simulate(Path dir) throws IOException {
		String name = dir.getFileName().toString().replace('-', '_');
		Scenario scenario = new Scenario(Path.of("src/test/resources/scenarios").resolve(Files.readString(dir.resolve("base")).strip()));
		Path work = Files.createTempDirectory("simulation-" + name);
		try (TestDatabase real = TestDatabase.create()) {
			String scratch = ScratchSchema.of(real.name(), name);
			try {
				scenario.run(real, work);
				List<LocalDate> days = scenario.days();
				Cli.Result result = new Cli(real).run("simulate", "--policy", dir.resolve("policy").toString(), "--from",
						days.get(0).toString(), "--to", days.get(days.size() - 1).toString(), "--out",
						work.resolve("out").toString(), "--name", name);
				assertThat(result.exitCode()).as(result.toString()).isZero();
				JdbcTemplate simulated = real.jdbcOn(scratch);
				List<Path> expectedTables;
				try (Stream<Path> files = Files.list(dir)) {
					expectedTables = files.filter(f -> f.getFileName().toString().matches("expected_.*\\.csv"))
						.filter(f -> !f.getFileName().toString().equals("expected_comparison.csv"))
						.sorted()
						.toList();
				}
				assertThat(expectedTables).as("%s: expected tables", name).isNotEmpty();
				for (Path file : expectedTables) {
					String table = file.getFileName().toString().replaceAll("^expected_|\\.csv$", "");
					List<String> columns = header(file);
					String select = String.join(", ",
							columns.stream().map(c -> "COALESCE(CAST(" + c + " AS CHAR), '')").toList());
					List<String> rows = simulated.query("SELECT " + select + " FROM " + table, (rs, i) -> {
						List<String> values = new ArrayList<>();
						for (int c = 1; c <= columns.size(); c++) {
							values.add(rs.getString(c));
						}
						return String.join(" | ", values);
					}).stream().sorted().toList();
					assertThat(rows).as("%s: the simulated %s", name, table)
						.containsExactlyElementsOf(rows(records(file), columns));
				}

				Path comparison = work.resolve("out/simulations").resolve(name).resolve("comparison.csv");
				List<String> compared = header(dir.resolve("expected_comparison.csv"));
				assertThat(rows(records(comparison), compared)).as("%s: comparison.csv", name)
					.containsExactlyElementsOf(rows(records(dir.resolve("expected_comparison.csv")), compared));
			}
			finally {
				real.jdbc().execute("DROP DATABASE IF EXISTS `" + scratch + "`");
			}
		}
	}

	private static List<String> rows(List<CSVRecord> records, List<String> columns) {
		return records.stream()
			.map(r -> String.join(" | ", columns.stream().map(r::get).toList()))
			.sorted()
			.toList();
	}

	private static List<String> header(Path file) throws IOException {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return parser.getHeaderNames();
		}
	}

	private static List<CSVRecord> records(Path file) throws IOException {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
				CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return parser.getRecords();
		}
	}

}
