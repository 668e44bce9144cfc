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
