package com.livecommerce.incentive.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monthly_summary.industry is the brand's industry on the month's last day (SPEC §4, issue 33
 * point 5): a brand that changes industry after the month does not rewrite the month's summary
 * when the monthly job runs late. Before the fix it came from today's brand row.
 */
class MonthlySummaryIndustryTest {

	@TempDir
	Path temp;

	@Test
	void aMonthClosedLateKeepsTheIndustriesOfItsLastDay() throws IOException {
		Path inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX), this.temp.resolve("inbox"));
		Path brands = inbox.resolve("2023-12-01/brands.csv");
		// on 12-01 every brand moves to another industry (HOME, or BEAUTY for the brand that was HOME)
		List<String> lines = Files.readAllLines(brands);
		Files.write(brands, lines.stream()
			.map(l -> l.startsWith("brand_id") ? l : l.replaceFirst(",(BEAUTY|APPAREL|FOOD|HOME|DIGITAL|MOTHER_BABY),",
					l.contains(",HOME,") ? ",BEAUTY," : ",HOME,"))
			.toList());
		Map<String, String> november = Files.readAllLines(inbox.resolve("2023-11-30/brands.csv"))
			.stream()
			.skip(1)
			.map(l -> l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
			.collect(Collectors.toMap(f -> f[0], f -> f[2]));
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Path out = this.temp.resolve("out");
			assertThat(cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox", inbox.toString(), "--out",
					out.toString(), "--policy", Cli.EXAMPLE_POLICY).exitCode()).isZero();
			Cli.Result month = cli.run("monthly", "--month", "2023-11", "--out", out.toString(), "--policy",
					Cli.EXAMPLE_POLICY);
			assertThat(month.exitCode()).as(month.toString()).isZero();
			List<Map<String, Object>> rows = db.jdbc()
				.queryForList("SELECT DISTINCT brand_id, industry FROM monthly_summary WHERE pool_month = '2023-11'");
			assertThat(rows).isNotEmpty();
			for (Map<String, Object> row : rows) {
				assertThat(row.get("industry")).as("industry of %s in 2023-11", row.get("brand_id"))
					.isEqualTo(november.get((String) row.get("brand_id")));
			}
			assertThat(db.count("brand b JOIN monthly_summary m ON m.brand_id = b.brand_id AND m.industry = b.industry"))
				.as("none is today's").isZero();
		}
	}

}
