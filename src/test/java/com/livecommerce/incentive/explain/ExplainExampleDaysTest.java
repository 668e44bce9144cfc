package com.livecommerce.incentive.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * explain on the five example days: for every account-day the runs decided, the answer agrees
 * with what they recorded ({@link ExplainChecks}); and the command itself: text, JSON, by
 * session, and exit 2 for what has no answer.
 */
class ExplainExampleDaysTest {

	private static TestDatabase db;

	private static Cli cli;

	@BeforeAll
	static void runTheExampleDays(@TempDir Path temp) {
		db = TestDatabase.create();
		cli = new Cli(db);
		Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-03", "--inbox",
				"jobs/examples/inbox", "--out", temp.resolve("out").toString(), "--policy", "jobs/examples/policy");
		assertThat(nights.exitCode()).as(nights.toString()).isZero();
	}

	@AfterAll
	static void drop() {
		db.close();
	}

	@Test
	void everyAccountDayOfTheExampleDaysIsExplainedAsTheRunsRecordedIt() {
		ExplainChecks.Seen seen = ExplainChecks.everyAccountDay(db.jdbc());
		assertThat(seen.accountDays()).isEqualTo(db.count("eligibility_decision")).isPositive();
		assertThat(seen.claims()).isEqualTo(db.count("coupon_grant")).isPositive();
	}

	/**
	 * Issue 35 point 4: support reads the answer out to the merchant. The 结论 comes first, in
	 * Chinese, with the policy's clause; growth in percent, money in yuan; an industry not listed
	 * says which qualify; a restricted account is not said to take part; the JSON leads with the
	 * outcome and uses the database's names.
	 */
	@Test
	void aSupportAgentReadsTheConclusionFirst() throws java.io.IOException {
		Cli.Result capped = cli.run("explain", "--account", "ACC-004", "--date", "2023-12-03");
		assertThat(capped.exitCode()).as(capped.toString()).isZero();
		assertThat(capped.out().lines().findFirst().orElseThrow()).isEqualTo("结论：账号 ACC-004 在 2023-12-03 的直播未获流量券："
				+ "成长扶持（G1 档）申请 1 张，未获发放（场次 S1203-0028）：本月流量券已发放完毕，先到先得（2023-12 本项目额度 450 张，"
				+ "轮到本次申请时剩余 0 张；未获发放的部分平台不予以补偿；依据《视频号直播带货品牌激励政策》§3.2）。");
		assertThat(capped.out()).contains("增长 growth 11.44%", "growth 11.44% misses 20% (short 8.55 percentage points)",
				"GMV ¥6,063.00 < ¥10,000.00 (short ¥3,937.00)", "场均 mean ¥5,440.25",
				"结果 outcome REJECTED (CAP_EXHAUSTED, §3.2)", "首播期限 first-broadcast window 无 none (no library entry)")
			.doesNotContain("-0.", "0.2 ", " fen");

		Cli.Result industry = cli.run("explain", "--account", "ACC-007", "--date", "2023-11-29");
		assertThat(industry.out().lines().findFirst().orElseThrow()).startsWith("结论：账号 ACC-007 在 2023-11-29 的 4 场直播未获流量券：")
			.contains("品牌所属行业不在本政策的适用行业内", "品牌行业为 宠物（PETS）",
					"适用行业为 美妆（BEAUTY）、服饰（APPAREL）、食品（FOOD）、家居（HOME）、数码（DIGITAL）、母婴（MOTHER_BABY）", "§5.2.1");

		Cli.Result restricted = cli.run("explain", "--account", "ACC-COMPLAINTS", "--date", "2023-12-01");
		assertThat(restricted.out().lines().findFirst().orElseThrow()).contains("账号活动资格受限", "店铺客诉数量较大", "§5.2.4");
		assertThat(restricted.out()).doesNotContain("参与 takes part").contains("账号活动资格为「受限」，本日的奖励申请均不予发放");

		// the README's example for support is what the command prints
		String readme = java.nio.file.Files.readString(Path.of("README.md"));
		String dormant = cli.run("explain", "--account", "ACC-DORMANT-60", "--date", "2023-11-29").out();
		for (String line : dormant.lines().limit(4).toList()) {
			assertThat(readme).as("README.md shows the first lines as printed").contains(line);
		}
		assertThat(java.nio.file.Files.readString(Path.of("docs/explain.md"))).as("docs/explain.md's example")
			.contains(capped.out().lines().findFirst().orElseThrow());

		JsonNode json = JsonMapper.builder().build()
			.readTree(cli.run("explain", "--account", "ACC-004", "--date", "2023-12-03", "--json").out());
		assertThat(json.get("outcome").get("result").asString()).isEqualTo("REJECTED");
		assertThat(json.get("outcome").get("reason").asString()).isEqualTo("CAP_EXHAUSTED");
		assertThat(json.get("outcome").get("clause").asString()).isEqualTo("§3.2");
		assertThat(json.get("outcome").get("conclusion").asString()).startsWith("结论：");
		JsonNode claim = json.get("claims").get(0);
		assertThat(claim.get("reject_reason").asString()).isEqualTo("CAP_EXHAUSTED");
		assertThat(claim.get("limited_by").isNull()).isTrue();
	}

	@Test
	void explainsAnAccountDayInTextAndJsonAndBySession() {
		Map<String, Object> grant = db.jdbc().queryForMap("""
				SELECT account_id, CAST(business_date AS CHAR) AS d, session_id, grant_id, status FROM coupon_grant
				WHERE status = 'PARTIAL' ORDER BY grant_id LIMIT 1""");
		String account = (String) grant.get("account_id");
		Cli.Result text = cli.run("explain", "--account", account, "--date", (String) grant.get("d"));
		assertThat(text.exitCode()).as(text.toString()).isZero();
		assertThat(text.out()).contains("账号 account " + account, "资格 Eligibility", "先到先得 First come first served",
				(String) grant.get("grant_id"), "PARTIAL", "排队 queue", "核对 check: agrees");

		Cli.Result json = cli.run("explain", "--account", account, "--date", (String) grant.get("d"), "--json");
		assertThat(json.exitCode()).as(json.toString()).isZero();
		JsonNode answer = JsonMapper.builder().build().readTree(json.out());
		assertThat(answer.get("account_id").asString()).isEqualTo(account);
		assertThat(answer.get("disagreements").size()).isZero();
		assertThat(answer.get("claims").findValuesAsString("grant_id")).contains((String) grant.get("grant_id"));
		assertThat(answer.get("sessions").get(0).get("started_at").asString()).endsWith("+08:00");
		assertThat(cli.run("explain", "--account", account, "--date", (String) grant.get("d"), "--json").out())
			.as("the same data, the same bytes")
			.isEqualTo(json.out());

		Cli.Result bySession = cli.run("explain", "--session", (String) grant.get("session_id"), "--json");
		assertThat(bySession.exitCode()).as(bySession.toString()).isZero();
		JsonNode same = JsonMapper.builder().build().readTree(bySession.out());
		assertThat(same.get("session").asString()).isEqualTo(grant.get("session_id"));
		assertThat(same.get("claims")).isEqualTo(answer.get("claims"));
		assertThat(same.get("eligibility")).isEqualTo(answer.get("eligibility"));
	}

	@Test
	void whatHasNoAnswerIsAUsageError() {
		String account = db.jdbc().queryForObject("SELECT MIN(account_id) FROM eligibility_decision", String.class);
		Cli.Result unknownAccount = cli.run("explain", "--account", "NO-SUCH-ACCOUNT", "--date", "2023-12-01");
		assertThat(unknownAccount.exitCode()).isEqualTo(2);
		assertThat(unknownAccount.err()).contains("unknown account \"NO-SUCH-ACCOUNT\"");

		Cli.Result neverRun = cli.run("explain", "--account", account, "--date", "2023-12-04");
		assertThat(neverRun.exitCode()).isEqualTo(2);
		assertThat(neverRun.err()).contains("the nightly run of 2023-12-04 has not completed",
				"from 2023-11-29 to 2023-12-03");

		Cli.Result beforeKnown = cli.run("explain", "--account", account, "--date", "2023-11-28");
		assertThat(beforeKnown.exitCode()).isEqualTo(2);

		Cli.Result unknownSession = cli.run("explain", "--session", "NO-SUCH-SESSION");
		assertThat(unknownSession.exitCode()).isEqualTo(2);
		assertThat(unknownSession.err()).contains("unknown session \"NO-SUCH-SESSION\"");

		assertThat(cli.run("explain", "--account", account).exitCode()).as("--date is needed with --account").isEqualTo(2);
		assertThat(cli.run("explain", "--session", "X", "--account", account, "--date", "2023-12-01").exitCode())
			.as("one question at a time")
			.isEqualTo(2);
	}

	@Test
	void aRejectedSessionIsNamedWithItsLineAndReason() {
		Map<String, Object> rejected = db.jdbc().queryForList("""
				SELECT raw_line, CAST(business_date AS CHAR) AS d, line_number FROM rejected_input
				WHERE file_name = 'broadcasts.csv' ORDER BY business_date, line_number""").stream().findFirst().orElse(null);
		if (rejected == null) {
			return; // the example inbox has no rejected session
		}
		String session = ((String) rejected.get("raw_line")).split(",")[0].replace("\"", "");
		Cli.Result answer = cli.run("explain", "--session", session);
		assertThat(answer.exitCode()).isEqualTo(2);
		assertThat(answer.err()).contains("broadcasts.csv of " + rejected.get("d") + " line " + rejected.get("line_number"));
	}

}
