package com.livecommerce.incentive.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The monthly job over November of the example inbox (two nights, clawbacks on the second). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthlyJobTest {

	private TestDatabase db;

	private Path work;

	private Cli.Result monthly;

	@BeforeAll
	void closeNovember() throws IOException {
		this.db = TestDatabase.create();
		this.work = Files.createTempDirectory("monthly");
		Cli.Result early = run("monthly", "--month", "2023-11", "--policy", "jobs/examples/policy");
		assertThat(early.exitCode()).as("before any nightly run: " + early).isEqualTo(4);
		assertThat(nightly("2023-11-29").exitCode()).isZero();
		Cli.Result guard = run("monthly", "--month", "2023-11", "--policy", "jobs/examples/policy");
		assertThat(guard.exitCode()).as(guard.toString()).isEqualTo(4);
		assertThat(guard.err()).contains("the nightly run of 2023-11-30, the month's last day, has not completed");
		assertThat(nightly("2023-11-30").exitCode()).isZero();
		this.monthly = run("monthly", "--month", "2023-11", "--policy", "jobs/examples/policy");
	}

	@AfterAll
	void tearDown() {
		this.db.close();
	}

	@Test
	void theMonthIsClosedOnceItsLastNightHasRun() {
		assertThat(this.monthly.exitCode()).as(this.monthly.toString()).isZero();
		assertThat(this.db.jdbc().queryForList("SELECT DISTINCT closed FROM pool_balance WHERE pool_month = '2023-11'",
				Boolean.class)).containsExactly(true);
		Cli.Result again = run("monthly", "--month", "2023-11", "--policy", "jobs/examples/policy");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("monthly 2023-11 is already complete");
	}

	@Test
	void summariesAreTheSumsOverGrantsClawbacksExpiriesAndUsageAsOfTheMonthsEnd() {
		List<Map<String, Object>> expected = this.db.jdbc().queryForList("""
				SELECT g.program, g.brand_id, COUNT(*) AS claims, SUM(g.granted_coupons) AS granted,
				  SUM(COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c
				                WHERE c.grant_id = g.grant_id AND c.business_date <= '2023-11-30'), 0)) AS clawed,
				  SUM(COALESCE((SELECT h.used_coupons FROM coupon_usage_history h WHERE h.grant_id = g.grant_id
				                AND h.as_of_date <= '2023-11-30' ORDER BY h.as_of_date DESC LIMIT 1), 0)) AS used
				FROM coupon_grant g WHERE g.pool_month = '2023-11' GROUP BY g.program, g.brand_id ORDER BY 1, 2""");
		List<Map<String, Object>> summary = this.db.jdbc().queryForList("""
				SELECT program, brand_id, claims, coupons_granted AS granted, coupons_clawed_back AS clawed,
				  coupons_used AS used
				FROM monthly_summary WHERE pool_month = '2023-11' ORDER BY 1, 2""");
		assertThat(summary).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Map<String, Object> e = expected.get(i);
			Map<String, Object> s = summary.get(i);
			for (String column : List.of("program", "brand_id", "claims", "granted", "clawed", "used")) {
				assertThat(String.valueOf(s.get(column))).as("%s %s %s", e.get("program"), e.get("brand_id"), column)
					.isEqualTo(String.valueOf(e.get(column)));
			}
		}
		assertThat(this.db.jdbc().queryForObject(
				"SELECT SUM(coupons_clawed_back) FROM monthly_summary WHERE pool_month = '2023-11'", Long.class))
			.as("the clawbacks of 11-30 are in").isPositive();
		assertThat(this.db.jdbc().queryForObject(
				"SELECT COUNT(*) FROM monthly_summary WHERE pool_month = '2023-11' AND industry = ''", Long.class))
			.isZero();
	}

	@Test
	void everyBrandGetsOneStatementInTheMonthsBatch() throws IOException {
		List<String> brands = this.db.jdbc().queryForList(
				"SELECT DISTINCT brand_id FROM monthly_summary WHERE pool_month = '2023-11' ORDER BY brand_id", String.class);
		assertThat(this.db.jdbc().queryForList(
				"SELECT brand_id FROM notification WHERE batch_id = 'monthly-2023-11' AND type = 'MONTHLY_STATEMENT'"
						+ " ORDER BY brand_id", String.class)).isEqualTo(brands);
		Map<String, Object> statement = this.db.jdbc()
			.queryForMap("SELECT * FROM notification WHERE dedupe_key = 'MONTHLY_STATEMENT:BR-FOOD:2023-11'");
		assertThat(statement).containsEntry("title", "月度流量券结算单：2023年11月").containsEntry("account_id", null);
		Map<String, Object> food = this.db.jdbc().queryForMap("""
				SELECT SUM(coupons_granted) AS granted, SUM(claims) AS claims FROM monthly_summary
				WHERE pool_month = '2023-11' AND brand_id = 'BR-FOOD'""");
		assertThat((String) statement.get("body")).startsWith("品牌 山野食品（BR-FOOD）2023年11月流量券结算如下（数据截至当月最后一日）：\n")
			.contains("· 品牌冷启动扶持：申请 1 次，发放 5 张（面值 ¥500.00）")
			.contains("合计：发放 " + food.get("granted") + " 张")
			.endsWith("平台不对实际推广效果，即展示量、观看量、互动量等效果作任何明示或暗示的承诺或保证。");
		Map<String, Object> batch = this.db.jdbc()
			.queryForMap("SELECT * FROM notification_batch WHERE batch_id = 'monthly-2023-11'");
		assertThat(batch).containsEntry("job", "monthly").containsEntry("file_path", "2023-11/notifications-monthly-2023-11.jsonl");
		assertThat(Files.readAllLines(this.work.resolve("out").resolve((String) batch.get("file_path")))).hasSize(brands.size());
	}

	@Test
	void theReportIsSelfContainedHtmlWhoseFiguresAreThoseOfMonthlySummary() throws Exception {
		Path report = this.work.resolve("out/2023-11/report-2023-11.html");
		String html = Files.readString(report);
		assertThat(html).as("nothing fetched: no scripts, styles, images or fonts from elsewhere")
			.doesNotContain("<script", "<link", "src=", "href=", "@import", "url(")
			.contains("<svg");
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
		Document doc = factory.newDocumentBuilder().parse(report.toFile());
		var xpath = XPathFactory.newInstance().newXPath();
		for (Map<String, Object> row : this.db.jdbc().queryForList("""
				SELECT program, SUM(coupons_granted) AS coupons_granted, SUM(coupons_clawed_back) AS coupons_clawed_back,
				  SUM(coupons_used) AS coupons_used, SUM(claims) AS claims
				FROM monthly_summary WHERE pool_month = '2023-11' GROUP BY program""")) {
			for (String field : List.of("coupons_granted", "coupons_clawed_back", "coupons_used", "claims")) {
				String shown = xpath.evaluate("//*[local-name()='td'][@data-program='" + row.get("program")
						+ "'][@data-field='" + field + "']", doc);
				assertThat(shown).as("%s %s", row.get("program"), field).isEqualTo(String.valueOf(row.get(field)));
			}
		}
		NodeList brands = (NodeList) xpath.evaluate("//*[local-name()='td'][@data-field='brand_id']", doc,
				XPathConstants.NODESET);
		List<String> top = this.db.jdbc().queryForList("""
				SELECT brand_id FROM monthly_summary WHERE pool_month = '2023-11' GROUP BY brand_id
				ORDER BY SUM(coupons_granted) DESC, brand_id LIMIT 10""", String.class);
		assertThat(brands.getLength()).isEqualTo(top.size());
		for (int i = 0; i < top.size(); i++) {
			assertThat(brands.item(i).getTextContent()).isEqualTo(top.get(i));
		}
		assertThat(xpath.evaluate("//*[@data-program='COLD_START'][@data-field='ran_out']", doc))
			.as("the example's cold-start pool runs dry on the first night").isEqualTo("额度用完于 2023-11-29");
		assertThat(((NodeList) xpath.evaluate("//*[local-name()='polyline']", doc, XPathConstants.NODESET)).getLength())
			.as("a consumption and a cap line per program").isEqualTo(6);
	}

	/**
	 * Issue 35 point 9: the report read as a person reads it, in a real browser at 1280 px. Before,
	 * the legend overlapped the label of the day the pool ran out and ran off the chart's right
	 * edge; programs and reasons were codes, brands ids.
	 */
	@Test
	void theReportReadsInARealBrowserAt1280Px() throws Exception {
		com.livecommerce.incentive.support.HeadlessChromium chromium = com.livecommerce.incentive.support.HeadlessChromium
			.require();
		Path report = this.work.resolve("out/2023-11/report-2023-11.html");
		com.livecommerce.incentive.support.HeadlessChromium.Layout layout = chromium.layout(report, 1280);
		assertThat(layout.labels()).as("the charts have labels").isGreaterThan(20);
		assertThat(layout.overlaps()).as("no label over another").isEmpty();
		assertThat(layout.outside()).as("no label off its chart").isEmpty();
		assertThat(layout.pageWidth()).as("no horizontal scrolling").isLessThanOrEqualTo(layout.windowWidth());
		Path png = Path.of("target/screenshots/report-2023-11.png");
		chromium.screenshot(report, png, 1280);
		assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(1280);

		String html = Files.readString(report);
		assertThat(html).as("programs, reasons and industries in Chinese, brands by name")
			.contains("品牌冷启动扶持（COLD_START）", "成长扶持（GROWTH）", "品牌标杆案例扶持（BENCHMARK）", "累计消耗（发放减回收）");
		List<String> names = this.db.jdbc().queryForList("""
				SELECT h.brand_name FROM monthly_summary m
				JOIN brand_history h ON h.brand_id = m.brand_id AND h.valid_from <= '2023-11-30'
				  AND (h.valid_to IS NULL OR h.valid_to >= '2023-11-30')
				WHERE m.pool_month = '2023-11' GROUP BY m.brand_id, h.brand_name
				ORDER BY SUM(m.coupons_granted) DESC, m.brand_id LIMIT 10""", String.class);
		assertThat(names).contains("Casa & Co");
		for (String name : names) {
			assertThat(html).contains("data-field=\"brand_name\">" + name.replace("&", "&amp;") + "<");
		}
		for (String trigger : this.db.jdbc().queryForList(
				"SELECT DISTINCT trigger_code FROM coupon_clawback WHERE pool_month = '2023-11'", String.class)) {
			assertThat(html).contains(">" + com.livecommerce.incentive.common.CodeTexts.text("trigger", trigger) + "<");
		}
	}

	@Test
	void afterTheCloseAClawbackOfTheMonthsGrantsReturnsNothingToItsPool() {
		Inbox later = new Inbox(this.work.resolve("later"));
		later.validDay(java.time.LocalDate.of(2023, 12, 1));
		// copy the example's 12-01 except violations: a COUNTERFEIT for an account with November grants
		for (String file : List.of("brands.csv", "accounts.csv", "store_risk.csv", "broadcasts.csv",
				"benchmark_events.csv")) {
			try {
				Files.copy(Path.of("jobs/examples/inbox/2023-12-01").resolve(file),
						later.day(java.time.LocalDate.of(2023, 12, 1)).resolve(file),
						java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		later.write(java.time.LocalDate.of(2023, 12, 1), "violations.csv", Inbox.VIOLATIONS_HEADER,
				"V-AFTER,ACC-FIRST-3,COUNTERFEIT,2023-12-01T08:00:00+08:00,");
		Map<String, Object> before = this.db.jdbc()
			.queryForMap("SELECT granted_coupons, returned_coupons FROM pool_balance WHERE pool_month = '2023-11' AND program = 'COLD_START'");
		Cli.Result december = new Cli(this.db).run("nightly", "--date", "2023-12-01", "--inbox", later.root().toString(),
				"--out", this.work.resolve("out").toString(), "--policy", "jobs/examples/policy");
		assertThat(december.exitCode()).as(december.toString()).isZero();
		assertThat(this.db.jdbc().queryForMap(
				"SELECT clawed_coupons, unrecoverable_coupons, returned_to_pool FROM coupon_clawback"
						+ " WHERE grant_id = 'CS:S1129-0004'"))
			.containsEntry("clawed_coupons", 4) // 1 of 5 used by 11-30
			.containsEntry("unrecoverable_coupons", 1)
			.containsEntry("returned_to_pool", false);
		assertThat(this.db.jdbc().queryForMap(
				"SELECT granted_coupons, returned_coupons FROM pool_balance WHERE pool_month = '2023-11' AND program = 'COLD_START'"))
			.isEqualTo(before);
	}

	private Cli.Result nightly(String date) {
		return run("nightly", "--date", date, "--inbox", "jobs/examples/inbox", "--policy", "jobs/examples/policy");
	}

	private Cli.Result run(String... args) {
		String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
				java.util.stream.Stream.of("--out", this.work.resolve("out").toString())).toArray(String[]::new);
		return new Cli(this.db).run(all);
	}

}
