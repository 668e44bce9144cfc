package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Benchmark cases (SPEC §2.5, policy §四): every event of today's snapshot without a final
 * outcome is checked, in order of planned start, under the program of the version in force on its
 * planned date: no version with the program there → PENDING, and NO_PROGRAM from the day after
 * on (a session of today matches only under today's version's program, which the claim is made
 * under);
 * filed less than {@code min_lead_days} ahead →
 * INVALID_LATE; not APPROVED → NOT_APPROVED (final once its session came, or from the day after
 * the planned date: a later approval is too late); otherwise it is matched to
 * the closest session of the account on the business date that starts within
 * {@code match_window_hours} and no other event took, of an account that takes part that day
 * (eligibility_decision, written by derive-claims). The session's GMV decides the milestones
 * (all reached ones add up); none reached → NOT_REACHED; unmatched by the day after → NO_SESSION;
 * still waiting → PENDING. An event without a final outcome that left today's snapshot is
 * WITHDRAWN (it is settled as usual should it come back). Every event ever filed thus has a row
 * (SPEC §2.5). Events are few, so this runs in one transaction, and their accounts' sessions of
 * the day are read at once ({@value #ACCOUNTS_PER_QUERY} accounts a query) and matched in memory;
 * outcomes and claims are written in bulk.
 */
class BenchmarkSettlement implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(BenchmarkSettlement.class);

	private static final int ACCOUNTS_PER_QUERY = 1000;

	private static final BulkInsert OUTCOMES = BulkInsert.upsert("benchmark_event_outcome",
			List.of("event_id", "account_id", "session_id", "outcome", "milestones_reached", "gmv_pct", "grant_id", "final",
					"decided_on"),
			"""
					account_id = new.account_id, session_id = new.session_id, outcome = new.outcome,
					  milestones_reached = new.milestones_reached, gmv_pct = new.gmv_pct, grant_id = new.grant_id,
					  final = new.final, decided_on = new.decided_on""");

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	BenchmarkSettlement(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	record Event(String eventId, String accountId, LocalDateTime submittedAt, LocalDateTime plannedStartAt,
			long targetGmvFen, String reviewStatus) {
	}

	record Match(String sessionId, String brandId, LocalDateTime startedAt, LocalDateTime endedAt, long gmvFen,
			String accountStatus) {
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		int withdrawn = withdraw(date);
		Policy policy = this.run.policyInForce().orElse(null);
		// the program as the version in force today has it: today's sessions are matched under it
		Policy.Benchmark rule = policy == null ? null : policy.programs().benchmark();
		// Only events of today's full snapshot: an event upstream withdrew is not settled.
		List<Event> events = this.jdbc.query("""
				SELECT e.event_id, e.account_id, e.submitted_at, e.planned_start_at, e.target_gmv_fen, e.review_status
				FROM benchmark_event e LEFT JOIN benchmark_event_outcome o ON o.event_id = e.event_id
				WHERE e.snapshot_date = ? AND (o.event_id IS NULL OR NOT o.final)
				ORDER BY e.planned_start_at, e.event_id""",
				(rs, i) -> new Event(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
						rs.getObject(4, LocalDateTime.class), rs.getLong(5), rs.getString(6)),
				date);
		// the pass's outcomes and claims, written when it ends
		List<Object[]> outcomes = new ArrayList<>();
		List<Claim> claims = new ArrayList<>();
		Map<String, List<Match>> sessions = rule == null ? Map.of() : sessionsOf(events, date);
		Set<String> taken = new HashSet<>();
		int settled = 0;
		for (Event event : events) {
			LocalDate plannedDate = event.plannedStartAt().toLocalDate();
			boolean overdue = date.isAfter(plannedDate); // the run of the day after the planned date, or later
			// An event belongs to the program of the version that governs its planned date: that version's rules
			// judge it (SPEC §2.5), and without one it waits, then has no program once its day is over (a later
			// version may still bring the program before that).
			Policy.Benchmark rules = this.run.policies()
				.inForceOn(plannedDate)
				.map(p -> p.programs().benchmark())
				.orElse(null);
			if (rules == null) {
				record(outcomes, event, overdue ? "NO_PROGRAM" : "PENDING", null, null, null, null, overdue);
				continue;
			}
			// a session of today is matched under today's version, which the claim is made under
			Match match = rule == null ? null
					: BenchmarkRule.match(rule, event.plannedStartAt(), sessions.getOrDefault(event.accountId(), List.of()),
							Match::startedAt, m -> taken.contains(m.sessionId()));
			boolean approved = "APPROVED".equals(event.reviewStatus());
			if (!BenchmarkRule.filedInTime(rules, event.submittedAt(), event.plannedStartAt())) {
				record(outcomes, event, "INVALID_LATE", null, null, null, null, true);
				continue;
			}
			if (!approved) {
				// Not approved when its session came: that was its chance (the session stays free).
				record(outcomes, event, "NOT_APPROVED", null, null, null, null, overdue || match != null);
				continue;
			}
			if (match == null) {
				if (overdue) {
					record(outcomes, event, "NO_SESSION", null, null, null, null, true);
				}
				else {
					record(outcomes, event, "PENDING", null, null, null, null, false);
				}
				continue;
			}
			taken.add(match.sessionId()); // an event and a session match at most once
			if (settle(outcomes, claims, event, match, rule, policy)) {
				settled++;
			}
		}
		ClaimStore.insert(this.jdbc, claims);
		OUTCOMES.insert(this.jdbc, outcomes);
		contribution.incrementWriteCount(settled);
		log.info("benchmark events: {} checked, {} settled with a claim, {} withdrawn", events.size(), settled, withdrawn);
		return RepeatStatus.FINISHED;
	}

	/** Events without a final outcome that today's full snapshot no longer lists. */
	private int withdraw(LocalDate date) {
		return this.jdbc.update("""
				INSERT INTO benchmark_event_outcome (event_id, account_id, session_id, outcome, milestones_reached, gmv_pct,
				  grant_id, final, decided_on)
				SELECT * FROM (
				  SELECT e.event_id, e.account_id, NULL AS session_id, 'WITHDRAWN' AS outcome, NULL AS milestones_reached,
				    NULL AS gmv_pct, NULL AS grant_id, FALSE AS final, ? AS decided_on
				  FROM benchmark_event e LEFT JOIN benchmark_event_outcome o ON o.event_id = e.event_id
				  WHERE e.snapshot_date < ? AND (o.event_id IS NULL OR (NOT o.final AND o.outcome <> 'WITHDRAWN'))) AS new
				ON DUPLICATE KEY UPDATE account_id = new.account_id, session_id = NULL, outcome = 'WITHDRAWN',
				  milestones_reached = NULL, gmv_pct = NULL, grant_id = NULL, final = FALSE, decided_on = new.decided_on""",
				date, date);
	}

	/** Milestones of the matched session: a claim when any is reached (SETTLED), else NOT_REACHED. */
	private boolean settle(List<Object[]> outcomes, List<Claim> claims, Event event, Match match,
			Policy.Benchmark rule, Policy policy) {
		List<Policy.Milestone> reached = BenchmarkRule.reached(rule, event.targetGmvFen(), match.gmvFen());
		BigDecimal pct = BenchmarkRule.pctOfTarget(event.targetGmvFen(), match.gmvFen());
		if (reached.isEmpty()) {
			record(outcomes, event, "NOT_REACHED", match.sessionId(), null, pct, null, true);
			return false;
		}
		String milestones = reached.stream().map(m -> m.pct().toString()).collect(Collectors.joining(","));
		Claim claim = new Claim(Program.BENCHMARK.grantId(event.eventId()), this.run.businessDate(), Program.BENCHMARK,
				event.accountId(), match.brandId(), match.sessionId(), event.eventId(), null, milestones,
				match.endedAt(), reached.stream().mapToInt(Policy.Milestone::coupons).sum(), match.accountStatus(),
				policy.version());
		claims.add(claim);
		record(outcomes, event, "SETTLED", match.sessionId(), milestones, pct, claim.grantId(), true);
		return true;
	}

	/**
	 * The sessions of the day of the events' accounts that take part that day (eligibility as
	 * derive-claims decided and recorded it, EligibilityRule) and that no outcome names, per
	 * account in order of start, then id.
	 */
	private Map<String, List<Match>> sessionsOf(List<Event> events, LocalDate date) {
		List<String> accounts = new ArrayList<>(new TreeSet<>(events.stream().map(Event::accountId).toList()));
		Map<String, List<Match>> sessions = new HashMap<>();
		for (int from = 0; from < accounts.size(); from += ACCOUNTS_PER_QUERY) {
			List<String> part = accounts.subList(from, Math.min(from + ACCOUNTS_PER_QUERY, accounts.size()));
			this.jdbc.query("""
					SELECT STRAIGHT_JOIN s.account_id, s.session_id, d.brand_id, s.started_at, s.ended_at, s.gmv_fen,
					  d.account_status
					FROM""" + " " + SqlLists.KEYS + """
					 JOIN broadcast_session s ON s.business_date = ? AND s.account_id = keys_.k
					JOIN eligibility_decision d ON d.business_date = s.business_date AND d.account_id = s.account_id
					WHERE d.takes_part
					  AND NOT EXISTS (SELECT 1 FROM benchmark_event_outcome o WHERE o.session_id = s.session_id)
					ORDER BY s.account_id, s.started_at, s.session_id""", rs -> {
				sessions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Match(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDateTime.class),
							rs.getObject(5, LocalDateTime.class), rs.getLong(6), rs.getString(7)));
			}, SqlLists.keys(part), date);
		}
		return sessions;
	}

	private void record(List<Object[]> outcomes, Event event, String outcome, String sessionId, String milestones, BigDecimal pct,
			String grantId, boolean isFinal) {
		outcomes.add(new Object[] { event.eventId(), event.accountId(), sessionId, outcome, milestones, pct, grantId,
				isFinal, this.run.businessDate() });
	}

}
