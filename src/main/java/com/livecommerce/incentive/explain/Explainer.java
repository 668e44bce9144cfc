package com.livecommerce.incentive.explain;

import com.livecommerce.incentive.allocation.AccountDay;
import com.livecommerce.incentive.allocation.AccountDayProgram;
import com.livecommerce.incentive.allocation.AccountDayVerdict;
import com.livecommerce.incentive.allocation.BenchmarkRule;
import com.livecommerce.incentive.allocation.ColdStartRule;
import com.livecommerce.incentive.allocation.EligibilityRule;
import com.livecommerce.incentive.allocation.GrowthRule;
import com.livecommerce.incentive.allocation.PreviousBroadcast;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyVersions;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.RunOrder;
import com.livecommerce.incentive.runs.NightlyRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers "why did this account get, or not get, its coupons on D?" from stored data only
 * ({@link StoredState} reads it: the *_history tables give the values of D, broadcast_session the
 * sessions the run of D ingested, policy_version the text of the version in force); the rules
 * themselves are applied again by {@link AccountDayVerdict} and {@link BenchmarkRule}, the code
 * the nightly run used; {@link ExplanationText} and {@link ExplanationJson} render the answer. Claims, grants, clawbacks, expiry and
 * usage are read as recorded. What it recomputes is compared with eligibility_decision and the
 * claims, so a disagreement (history edited by hand) shows instead of hiding. Reads only.
 */
@Component
public class Explainer {

	/** A question that has no answer: an unknown account or session, or a date never run (exit 2). */
	public static class Unanswerable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Unanswerable(String message) {
			super(message);
		}

	}

	private final StoredState stored;

	private final Predicate<LocalDate> completed;

	private final Supplier<Optional<String[]>> completedRange;

	@Autowired
	public Explainer(JdbcTemplate jdbc, RunOrder order, JobRuns runs) {
		this(jdbc, order::nightCompleted, () -> runs.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE));
	}

	/**
	 * @param completed whether the nightly run of a date has completed
	 * @param completedRange the first and last completed night, for the message of a date never run
	 */
	public Explainer(JdbcTemplate jdbc, Predicate<LocalDate> completed, Supplier<Optional<String[]>> completedRange) {
		this.stored = new StoredState(jdbc);
		this.completed = completed;
		this.completedRange = completedRange;
	}

	/** {@code explain --session}: the account-day of the run that ingested the session. */
	public Explanation session(String sessionId) {
		StoredState.Ingested ingested = this.stored.ingested(sessionId)
			.orElseThrow(() -> new Unanswerable("unknown session " + StoredState.quoted(sessionId) + ": no run ingested it"
					+ this.stored.rejected(sessionId)));
		return account(ingested.accountId(), ingested.date()).aboutSession(sessionId);
	}

	/** {@code explain --account --date}. */
	public Explanation account(String accountId, LocalDate date) {
		requireCompleted(date);
		Explanation.AccountValues account = this.stored.accountOn(accountId, date);
		Explanation.BrandValues brand = this.stored.brandOn(account.brandId(), date);
		Explanation.StoreValues store = account.storeId() == null ? null : this.stored.storeOn(account.storeId(), date);
		Explanation.StatusValues status = this.stored.statusOn(accountId, date);
		List<PolicyVersions.Recorded> recordedVersions = this.stored.recordedVersions();
		PolicyVersions.Recorded version = recordedVersions.stream()
			.filter(r -> !date.isBefore(r.effectiveFrom()) && !date.isAfter(r.effectiveTo()))
			.findFirst()
			.orElse(null);
		Policy policy = version == null ? null : version.policy();
		List<AccountDay.Session> sessions = this.stored.sessions(accountId, date);
		EligibilityRule.Facts facts = new EligibilityRule.Facts(brand.hasBrandBadge(), brand.industry(),
				account.storeId(), store == null ? null : store.storeStatus(), status.status());

		Policy.Growth growthRule = policy == null ? null : policy.programs().growth();
		StoredState.Baseline baseline = growthRule == null ? new StoredState.Baseline(0, BigDecimal.ZERO)
				: this.stored.baseline(accountId, date, growthRule.baselineDays());
		String grantedBefore = this.stored.coldStartGrantedBefore(accountId, date);
		AccountDay day = new AccountDay(accountId, account.brandId(), facts, brand.libraryEntryDate(),
				this.stored.latestKnownEnd(accountId, date), this.stored.coldStartUsed(accountId, date),
				grantedBefore != null, baseline.sessions(), baseline.gmvFen(), sessions);

		List<EligibilityRule.Outcome> checks = EligibilityRule.checks(facts, policy);
		AccountDayVerdict verdict = sessions.isEmpty() ? null : AccountDayVerdict.of(date, day, policy,
				before -> this.stored.knownEndBefore(accountId, date, before), true);
		Explanation.Eligibility eligibility = new Explanation.Eligibility(
				EligibilityRule.takesPart(checks),
				verdict == null ? checks.stream().filter(o -> !o.passed()).map(o -> o.reason().name()).findFirst().orElse(null)
						: name(verdict.reason()),
				checks.stream().map(o -> check(o, facts, version)).toList(), brand, account, store, status,
				policy == null ? List.of() : List.copyOf(policy.industries()));
		Explanation.ColdStart coldStart = verdict == null || !verdict.takesPart() ? null
				: coldStart(day, policy.programs().coldStart(), verdict.coldStart(), grantedBefore, date);
		Explanation.Growth growth = verdict == null || !verdict.takesPart() ? null
				: growth(day, growthRule, verdict, date);
		Map<String, Policy> versions = new HashMap<>();
		recordedVersions.forEach(r -> versions.put(r.version(), r.version().equals(version == null ? null
				: version.version()) ? policy : r.policy()));
		List<Explanation.ClaimAnswer> claims = this.stored.claims(accountId, date, versions);
		Explanation.Recorded recorded = this.stored.recorded(accountId, date);
		List<String> disagreements = disagreements(verdict, day, recorded, claims, date);
		Explanation answer = new Explanation(accountId, date, null, null, account.brandId(),
				version == null ? null : version.version(),
				sessions.stream()
					.map(s -> new Explanation.Session(s.sessionId(), s.startedAt(), s.endedAt(), s.gmvFen()))
					.toList(),
				eligibility, coldStart, growth, benchmark(accountId, date, policy), claims, this.stored.risk(accountId, date),
				recorded, disagreements, otherPrograms(verdict));
		return answer.concluded(Conclusion.of(answer, policy));
	}

	/** The decisions of account-day programs registered beside cold start and growth, which have sections of their own. */
	private static List<Explanation.ProgramDecision> otherPrograms(AccountDayVerdict verdict) {
		if (verdict == null) {
			return List.of();
		}
		return verdict.decisions()
			.entrySet()
			.stream()
			.filter(e -> e.getKey() != Program.COLD_START && e.getKey() != Program.GROWTH)
			.map(e -> new Explanation.ProgramDecision(e.getKey().name(), e.getValue().outcome(),
					e.getValue().claimed() == null ? null : e.getValue().claimed().sessionId(), e.getValue().tier(),
					e.getValue().coupons(), e.getValue().workings()))
			.toList();
	}

	private void requireCompleted(LocalDate date) {
		if (this.completed.test(date)) {
			return;
		}
		String range = this.completedRange.get()
			.map(r -> "completed nights run from " + r[0] + " to " + r[1])
			.orElse("no nightly run has completed on this database");
		throw new Unanswerable("the nightly run of " + date + " has not completed, so nothing was decided for it ("
				+ range + ")");
	}

	private static Explanation.Check check(EligibilityRule.Outcome outcome, EligibilityRule.Facts facts,
			PolicyVersions.Recorded version) {
		String value = switch (outcome.check()) {
			case POLICY_VERSION -> version == null ? "none in force" : version.version() + " (" + version.effectiveFrom()
					+ " .. " + version.effectiveTo() + ")";
			case BRAND_BADGE -> Boolean.toString(facts.hasBrandBadge());
			case INDUSTRY -> facts.industry();
			case STORE -> facts.storeId() == null ? "no store bound"
					: facts.storeId() + " " + (facts.storeStatus() == null ? "(never reported)" : facts.storeStatus());
			case ACCOUNT_STATUS -> facts.accountStatus();
		};
		return new Explanation.Check(outcome.check().name(), outcome.passed(), value, name(outcome.reason()));
	}

	private Explanation.ColdStart coldStart(AccountDay day, Policy.ColdStart rule, ColdStartRule.Evaluation evaluation,
			String grantedBefore, LocalDate date) {
		List<Explanation.ColdStartSession> sessions = new ArrayList<>();
		for (ColdStartRule.SessionCheck check : evaluation.sessions()) {
			AccountDay.Session s = check.session();
			Explanation.Previous previous = null;
			BigDecimal gap = null;
			if (check.previousEnd() != null) {
				PreviousBroadcast.Source source = this.stored.previousSource(day.accountId(), date, check.previousEnd());
				previous = source == null
						? new Explanation.Previous(null, check.previousEnd(), null, null, null)
						: new Explanation.Previous(source.kind().name(), source.endedAt(), source.sessionId(),
								source.ingestedOn(), source.snapshotDate());
				gap = BigDecimal.valueOf(Duration.between(check.previousEnd(), s.startedAt()).toSeconds())
					.divide(BigDecimal.valueOf(3600), 2, RoundingMode.DOWN);
			}
			sessions.add(new Explanation.ColdStartSession(s.sessionId(), s.startedAt(), s.endedAt().toLocalDate(),
					previous, gap, rule.dormantDays() * 24, check.outcome().name()));
		}
		return new Explanation.ColdStart(evaluation.outcome().name(), rule == null ? null : rule.coupons(),
				rule == null ? null : rule.firstBroadcastWindowDays(), rule == null ? null : rule.dormantDays(),
				day.coldStartUsed(), grantedBefore, day.libraryEntryDate(), evaluation.windowEnd(),
				List.copyOf(sessions), evaluation.claimed() == null ? null : evaluation.claimed().sessionId());
	}

	private static Explanation.Growth growth(AccountDay day, Policy.Growth rule, AccountDayVerdict verdict,
			LocalDate date) {
		if (rule == null) {
			return new Explanation.Growth(verdict.growth().name(), null, null, null, 0, BigDecimal.ZERO, null, List.of(),
					null, null);
		}
		List<Explanation.GrowthSession> sessions = GrowthRule.weigh(day, rule)
			.stream()
			.map(c -> new Explanation.GrowthSession(c.session().sessionId(), c.session().gmvFen(), c.growth(),
					tiers(c, rule), c.firstTierMet()))
			.toList();
		BigDecimal mean = day.baselineSessions() == 0 ? null
				: day.baselineGmvFen().divide(BigDecimal.valueOf(day.baselineSessions()), 2, RoundingMode.DOWN);
		GrowthRule.Result claim = verdict.growthClaim();
		return new Explanation.Growth(verdict.growth().name(), rule.baselineDays(), date.minusDays(rule.baselineDays()),
				date.minusDays(1), day.baselineSessions(), day.baselineGmvFen(), mean, sessions,
				claim == null ? null : claim.session().sessionId(), claim == null ? null : claim.tier().name());
	}

	private static List<Explanation.Tier> tiers(GrowthRule.SessionCheck check, Policy.Growth rule) {
		List<Explanation.Tier> tiers = new ArrayList<>();
		for (int i = 0; i < check.tiers().size(); i++) {
			GrowthRule.TierCheck t = check.tiers().get(i);
			BigDecimal short_ = t.minGrowth() == null || check.growth() == null ? null
					: t.growthMet() ? BigDecimal.ZERO : t.minGrowth().subtract(check.growth()).max(BigDecimal.ZERO);
			tiers.add(new Explanation.Tier(t.tier(), t.met(), rule.tiers().get(i).coupons(), t.minGmvFen(),
					t.gmvShortFen(), t.minGrowth(), t.growthMet(), short_));
		}
		return List.copyOf(tiers);
	}

	private List<Explanation.BenchmarkEvent> benchmark(String accountId, LocalDate date, Policy policy) {
		Policy.Benchmark rule = policy == null ? null : policy.programs().benchmark();
		List<StoredState.FiledEvent> events = this.stored.benchmarkEvents(accountId, date);
		// the account's sessions of the day and the event that took each: BenchmarkRule picks the candidates
		List<StoredState.DaySession> day = rule == null || events.isEmpty() ? List.of()
				: this.stored.sessionsWithEvents(accountId, date);
		List<Explanation.BenchmarkEvent> answers = new ArrayList<>();
		for (StoredState.FiledEvent e : events) {
			List<Explanation.Candidate> candidates = rule == null ? List.of()
					: BenchmarkRule.candidates(rule, e.planned(), day, StoredState.DaySession::startedAt)
						.stream()
						.map(s -> new Explanation.Candidate(s.sessionId(), s.startedAt(),
								ChronoUnit.MINUTES.between(e.planned(), s.startedAt()),
								e.eventId().equals(s.takenBy()) ? null : s.takenBy()))
						.toList();
			List<Explanation.Milestone> milestones = List.of();
			if (e.sessionId() != null && rule != null) {
				long gmv = this.stored.gmvFen(e.sessionId());
				milestones = rule.milestones()
					.stream()
					.map(m -> new Explanation.Milestone(m.pct(), m.coupons(), BenchmarkRule.gmvNeededFen(m, e.target()),
							BenchmarkRule.reached(m, e.target(), gmv)))
					.toList();
			}
			answers.add(new Explanation.BenchmarkEvent(e.eventId(), e.submitted(), e.planned(), e.target(), e.review(),
					BenchmarkRule.leadDays(e.submitted(), e.planned()), rule == null ? null : rule.minLeadDays(),
					rule == null ? null : rule.matchWindowHours(), candidates, e.outcome(), e.isFinal(), e.decidedOn(),
					e.sessionId(), e.gmvPct(), milestones, e.grantId()));
		}
		return List.copyOf(answers);
	}

	/** Where the rules, applied again to the values of the date, differ from what the run recorded. */
	private static List<String> disagreements(AccountDayVerdict verdict, AccountDay day, Explanation.Recorded recorded,
			List<Explanation.ClaimAnswer> claims, LocalDate date) {
		List<String> differences = new ArrayList<>();
		if (verdict == null) {
			if (recorded != null) {
				differences.add("the run recorded a decision for " + recorded.sessions()
						+ " session(s), but no session of the account ingested on " + date + " is stored");
			}
			return differences;
		}
		if (recorded == null) {
			differences.add("the run recorded no decision for the account's " + day.sessions().size() + " session(s)");
			return differences;
		}
		compare(differences, "sessions", day.sessions().size(), recorded.sessions());
		compare(differences, "policy_version", verdict.policy() == null ? null : verdict.policy().version(),
				recorded.policyVersion());
		compare(differences, "the values checked", day.facts(), recorded.facts());
		compare(differences, "takes_part", verdict.takesPart(), recorded.takesPart());
		compare(differences, "reason", name(verdict.reason()), recorded.reason());
		compare(differences, "cold_start", verdict.coldStart() == null ? null : name(verdict.coldStart().outcome()),
				recorded.coldStart());
		compare(differences, "growth", name(verdict.growth()), recorded.growth());
		compare(differences, "growth_tier", verdict.growthClaim() == null ? null : verdict.growthClaim().tier().name(),
				recorded.growthTier());
		List<String> expected = verdict.claims()
			.stream()
			.map(c -> c.grantId() + " " + c.requestedCoupons() + " " + c.tier())
			.sorted()
			.toList();
		List<String> stored = claims.stream()
			.filter(c -> Program.valueOf(c.program()).descriptor() instanceof AccountDayProgram)
			.map(c -> c.grantId() + " " + c.requestedCoupons() + " " + c.tier())
			.sorted()
			.toList();
		compare(differences, "claims", expected, stored);
		return differences;
	}

	private static void compare(List<String> differences, String what, Object recomputed, Object recorded) {
		if (!Objects.equals(recomputed, recorded)) {
			differences.add(what + ": recomputed " + recomputed + ", recorded " + recorded);
		}
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

}
