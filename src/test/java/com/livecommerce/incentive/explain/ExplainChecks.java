package com.livecommerce.incentive.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs explain for every account-day a database's completed nights decided and checks that the
 * answer agrees with what the runs recorded, table by table and number by number: the
 * eligibility_decision row, every coupon_grant of the account-day (requested, granted, status,
 * limit, remaining before), the claim's place in its pool's queue (worked out here from
 * coupon_grant, not taken from explain), and that every account-day without a claim has a reason.
 */
public final class ExplainChecks {

	private ExplainChecks() {
	}

	/** What the checks saw: every reason code and every cold-start and growth outcome. */
	public record Seen(TreeSet<String> reasons, TreeSet<String> coldStart, TreeSet<String> growth, int accountDays,
			int claims) {
	}

	/**
	 * Issue 35 point 4: the outcome agrees with the grants and the recorded reason, and its 结论 is
	 * Chinese a support agent can read out: the account, the date, every code said in words (no
	 * code of the table left in it), the policy's clause of the reason, yuan not fen.
	 */
	private static void supportCanReadOut(Explanation e, List<Grant> grants, String at) {
		Explanation.Outcome o = e.outcome();
		int granted = grants.stream().mapToInt(Grant::granted).sum();
		String expected = grants.isEmpty() ? (e.sessions().isEmpty() ? "NO_SESSIONS" : "NO_CLAIM")
				: grants.stream().allMatch(g -> "GRANTED".equals(g.status())) ? "GRANTED"
						: granted == 0 ? "REJECTED" : "PARTIAL";
		assertThat(o.result()).as("%s: result", at).isEqualTo(expected);
		assertThat(o.couponsGranted()).as("%s: coupons granted", at).isEqualTo(granted);
		assertThat(o.couponsRequested()).as(at).isEqualTo(grants.stream().mapToInt(Grant::requested).sum());
		String reason = grants.stream().map(Grant::limit).filter(java.util.Objects::nonNull).findFirst()
			.orElse(grants.isEmpty() ? e.eligibility().reason() : null);
		assertThat(o.reason()).as("%s: reason", at).isEqualTo(reason);
		String conclusion = o.conclusion();
		assertThat(conclusion).as(at).startsWith("结论：账号 " + e.accountId() + " 在 " + e.businessDate() + " ")
			.doesNotContain("\n", "null", " fen");
		if (reason != null) {
			assertThat(o.clause()).as("%s: the clause of %s", at, reason).isNotNull();
			// NO_RULE_MET (§二、§三) gives each program's own clause
			assertThat(conclusion).as(at).contains("依据《视频号直播带货品牌激励政策》"
					+ ("NO_RULE_MET".equals(reason) ? "" : o.clause()));
		}
		for (String family : List.of("reason", "eligibility", "cold_start", "growth", "benchmark", "trigger", "program")) {
			for (String code : CODES) {
				if (com.livecommerce.incentive.common.CodeTexts.find(family, code).isPresent()) {
					assertThat(conclusion).as("%s: %s is said in words", at, code).doesNotContain(code);
				}
			}
		}
	}

	/** Codes the conclusion must never show raw (industries may: 食品（FOOD）). */
	private static final List<String> CODES = List.of("CAP_EXHAUSTED", "BRAND_CAP_REACHED", "RESTRICTED", "SUSPENDED",
			"DISQUALIFIED", "REVOKED", "NO_POLICY_VERSION", "NO_BRAND_BADGE", "INDUSTRY_NOT_LISTED", "NO_STORE",
			"STORE_CLOSED", "NO_RULE_MET", "PROGRAM_ABSENT", "COLD_START_USED", "GRANTED_BEFORE", "NO_LIBRARY_ENTRY",
			"BEFORE_LIBRARY_ENTRY", "FIRST_BROADCAST_TOO_LATE", "NOT_DORMANT", "NO_TIER_MET", "COLD_START", "GROWTH",
			"BENCHMARK");

	record Grant(String grantId, LocalDate date, String program, String sessionId, LocalDateTime claimedAt,
			int requested, int granted, String status, String limit, Integer poolBefore, Integer brandBefore,
			LocalDate expiresOn) {
	}

	/** Every account-day of every completed night; returns what it saw. */
	public static Seen everyAccountDay(JdbcTemplate jdbc) {
		List<LocalDate> completed = jdbc.queryForList("""
				SELECT DISTINCT CAST(p.PARAMETER_VALUE AS DATE) FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = 'businessDate'""",
				LocalDate.class);
		Explainer explainer = new Explainer(jdbc, completed::contains, Optional::empty);
		Map<String, Integer> positions = queuePositions(jdbc);
		Seen seen = new Seen(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), 0, 0);
		int accountDays = 0;
		int claims = 0;
		for (Map<String, Object> row : jdbc.queryForList("""
				SELECT business_date, account_id, reason, takes_part, cold_start, growth FROM eligibility_decision
				ORDER BY business_date, account_id""")) {
			LocalDate date = ((java.sql.Date) row.get("business_date")).toLocalDate();
			if (!completed.contains(date)) {
				continue;
			}
			String account = (String) row.get("account_id");
			String at = account + " on " + date;
			Explanation e = explainer.account(account, date);
			assertThat(e.disagreements()).as("%s: explain agrees with the run's record", at).isEmpty();
			assertThat(e.eligibility().reason()).as("%s: reason", at).isEqualTo(row.get("reason"));
			assertThat(e.eligibility().takesPart()).as("%s: takes part", at).isEqualTo(asBoolean(row.get("takes_part")));
			assertThat(e.coldStart() == null ? null : e.coldStart().outcome()).as("%s: cold start", at)
				.isEqualTo(row.get("cold_start"));
			assertThat(e.growth() == null ? null : e.growth().outcome()).as("%s: growth", at).isEqualTo(row.get("growth"));
			List<Grant> grants = grants(jdbc, account, date);
			assertThat(e.claims()).as("%s: one answer per claim", at).hasSameSizeAs(grants);
			for (int i = 0; i < grants.size(); i++) {
				Grant g = grants.get(i);
				Explanation.ClaimAnswer c = e.claims().get(i);
				String of = at + ", " + g.grantId();
				assertThat(List.of(c.grantId(), c.program(), c.sessionId(), c.requestedCoupons(), c.grantedCoupons(),
						c.status(), String.valueOf(Conclusion.shortBy(c)), String.valueOf(c.poolRemainingBefore()),
						String.valueOf(c.brandRemainingBefore()), String.valueOf(c.expiresOn())))
					.as("%s: the grant's numbers", of)
					.containsExactly(g.grantId(), g.program(), g.sessionId(), g.requested(), g.granted(), g.status(),
							String.valueOf(g.limit()), String.valueOf(g.poolBefore()), String.valueOf(g.brandBefore()),
							String.valueOf(g.expiresOn()));
				assertThat(c.queuePosition()).as("%s: place in the queue", of).isEqualTo(positions.get(g.grantId()));
				assertThat(c.claimsAhead()).isEqualTo(c.queuePosition() - 1);
				if ("ACTIVE".equals(c.accountStatus())) {
					// what limited it is what the numbers say: min(requested, pool left, brand left)
					int left = Math.min(c.poolRemainingBefore(),
							c.brandRemainingBefore() == null ? Integer.MAX_VALUE : c.brandRemainingBefore());
					assertThat(c.grantedCoupons()).as("%s: granted = min(requested, remaining)", of)
						.isEqualTo(Math.min(c.requestedCoupons(), left));
				}
				else {
					assertThat(c.rejectReason()).as("%s: rejected with the account status", of).isEqualTo(c.accountStatus());
				}
				if (g.program().equals("COLD_START")) {
					assertThat(e.coldStart().claimedSession()).as(of).isEqualTo(g.sessionId());
				}
				if (g.program().equals("GROWTH")) {
					assertThat(e.growth().claimedSession()).as(of).isEqualTo(g.sessionId());
				}
				if (g.program().equals("BENCHMARK")) {
					assertThat(e.benchmark()).as("%s: the event settled", of)
						.anySatisfy(b -> assertThat(b.grantId()).isEqualTo(g.grantId()));
				}
			}
			if (grants.isEmpty()) {
				assertThat(e.eligibility().reason()).as("%s: no claim, so a reason", at).isNotNull();
			}
			if ("NO_RULE_MET".equals(row.get("reason"))) {
				assertThat(e.coldStart().outcome()).as(at).isNotEqualTo("CLAIMED");
				assertThat(e.growth().outcome()).as(at).isNotEqualTo("CLAIMED");
			}
			for (Explanation.BenchmarkEvent b : e.benchmark()) {
				if (b.sessionId() != null && date.equals(b.decidedOn()) && b.matchWindowHours() != null) {
					// the rule explain shows is the rule the night ran (allocation/BenchmarkRule): its first free
					// candidate is the session the night matched
					assertThat(b.candidates().stream().filter(c -> c.takenBy() == null).findFirst()
						.map(Explanation.Candidate::sessionId)).as("%s: event %s matched", at, b.eventId())
						.contains(b.sessionId());
				}
			}
			supportCanReadOut(e, grants, at);
			String text = ExplanationText.write(e);
			assertThat(text.lines().findFirst().orElseThrow()).as("%s: the conclusion comes first", at)
				.isEqualTo(e.outcome().conclusion());
			assertThat(text).as(at).contains(account, date.toString())
				.as("%s: money in yuan, counts in 张, no 'window to none' (issue 35 point 4)", at)
				.doesNotContain(" fen", "coupon(s)", "coupons)", "claim(s)", "to none");
			if (e.growth() != null && e.growth().sessions().stream().filter(s -> s.firstTierMet() != null).count() > 1) {
				assertThat(text).as("%s: why only one of the sessions meeting a tier claims", at)
					.contains("每个账号每个业务日至多一次成长扶持申请", "claims: " + e.growth().claimedSession());
			}
			if (e.coldStart() != null && e.coldStart().sessions().stream().filter(s -> "CLAIMED".equals(s.outcome())).count() > 1) {
				assertThat(text).as("%s: why only the first qualifying session claims", at)
					.contains("only the first qualifying session claims");
			}
			if (e.eligibility().takesPart() && !"ACTIVE".equals(e.eligibility().status().status())) {
				assertThat(text).as("%s: a restricted account is not said to take part", at)
					.doesNotContain("参与 takes part")
					.contains("本日的奖励申请均不予发放");
			}
			grants.forEach(g -> assertThat(text).as(at).contains(g.grantId()));
			JsonNode json = JsonMapper.builder().build().readTree(ExplanationJson.write(e));
			assertThat(json.propertyNames().iterator().next()).isEqualTo("account_id");
			assertThat(json.get("account_id").asString()).isEqualTo(account);
			assertThat(json.get("outcome").get("result").asString()).isEqualTo(e.outcome().result());
			assertThat(json.get("outcome").get("conclusion").asString()).isEqualTo(e.outcome().conclusion());
			assertThat(json.get("claims").size()).isEqualTo(grants.size());
			for (JsonNode claim : json.get("claims")) {
				assertThat(claim.has("reject_reason") && claim.has("limited_by"))
					.as("%s: the database's names, reject_reason and limited_by", at)
					.isTrue();
			}
			add(seen.reasons(), row.get("reason"));
			add(seen.coldStart(), row.get("cold_start"));
			add(seen.growth(), row.get("growth"));
			accountDays++;
			claims += grants.size();
		}
		return new Seen(seen.reasons(), seen.coldStart(), seen.growth(), accountDays, claims);
	}

	private static List<Grant> grants(JdbcTemplate jdbc, String account, LocalDate date) {
		return jdbc.query("""
				SELECT grant_id, business_date, program, session_id, claimed_at, requested_coupons, granted_coupons, status,
				  COALESCE(reject_reason, limited_by), pool_remaining_before, brand_remaining_before, expires_on
				FROM coupon_grant WHERE account_id = ? AND business_date = ?""", ExplainChecks::grant, account, date)
			.stream()
			.sorted(Comparator.comparing(Grant::program).thenComparing(Grant::claimedAt).thenComparing(Grant::sessionId))
			.toList();
	}

	/** Each grant's place among its date's and program's grants, by (claimed_at, session_id): 1 first. */
	private static Map<String, Integer> queuePositions(JdbcTemplate jdbc) {
		Map<String, List<Grant>> queues = new HashMap<>();
		jdbc.query("""
				SELECT grant_id, business_date, program, session_id, claimed_at, requested_coupons, granted_coupons, status,
				  COALESCE(reject_reason, limited_by), pool_remaining_before, brand_remaining_before, expires_on
				FROM coupon_grant""", ExplainChecks::grant)
			.forEach(g -> queues.computeIfAbsent(g.date() + " " + g.program(), k -> new ArrayList<>()).add(g));
		Map<String, Integer> positions = new HashMap<>();
		queues.values().forEach(queue -> {
			queue.sort(Comparator.comparing(Grant::claimedAt).thenComparing(Grant::sessionId));
			for (int i = 0; i < queue.size(); i++) {
				positions.put(queue.get(i).grantId(), i + 1);
			}
		});
		return positions;
	}

	private static Grant grant(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Grant(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
				rs.getObject(5, LocalDateTime.class), rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getString(9),
				rs.getObject(10, Integer.class), rs.getObject(11, Integer.class), rs.getObject(12, LocalDate.class));
	}

	private static void add(TreeSet<String> set, Object value) {
		set.add(value == null ? "(none)" : value.toString());
	}

	private static boolean asBoolean(Object value) {
		return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
	}

}
