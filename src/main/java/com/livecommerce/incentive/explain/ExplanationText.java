package com.livecommerce.incentive.explain;

import com.livecommerce.incentive.common.CodeTexts;
import com.livecommerce.incentive.common.Yuan;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code explain} for a person: first the 结论, one line of Chinese a support agent can read out to
 * the merchant (with the policy's clause), then the {@link Explanation} section by section, each
 * label in Chinese and English, every code with its Chinese sentence ({@link CodeTexts}), money in
 * yuan, growth in percent, every figure the rules compared. Same data, same text.
 */
public final class ExplanationText {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final StringBuilder text = new StringBuilder();

	private ExplanationText() {
	}

	public static String write(Explanation e) {
		ExplanationText t = new ExplanationText();
		t.line("%s", e.outcome().conclusion());
		t.blank();
		t.header(e);
		t.sessions(e);
		t.eligibility(e.eligibility());
		t.coldStart(e.coldStart());
		t.growth(e.growth());
		e.otherPrograms().forEach(t::program);
		t.benchmark(e.benchmark());
		t.claims(e.claims());
		t.risk(e.risk());
		t.record(e);
		return t.text.toString();
	}

	private void header(Explanation e) {
		line("账号 account %s · 业务日期 business date %s (the nightly run of that date)%s", e.accountId(),
				e.businessDate(), e.session() == null ? "" : " · asked about session " + e.session());
		line("品牌 brand %s \"%s\" · 政策版本 policy version %s", e.brandId(), e.eligibility().brand().brandName(),
				e.policyVersion() == null ? "none in force" : e.policyVersion());
		Explanation.Outcome o = e.outcome();
		line("结果 outcome %s%s · 申请 requested %d 张 · 发放 granted %d 张", o.result(),
				o.reason() == null ? "" : " (" + o.reason() + (o.clause() == null ? "" : ", " + o.clause()) + ")",
				o.couponsRequested(), o.couponsGranted());
	}

	private void sessions(Explanation e) {
		blank();
		if (e.sessions().isEmpty()) {
			line("场次 Sessions: none ingested by this run, so nothing was decided for the account on this date");
			return;
		}
		line("场次 Sessions ingested by this run (%d), in the order the rules weigh them:", e.sessions().size());
		for (Explanation.Session s : e.sessions()) {
			line("  %s  %s → %s  成交额 GMV %s", s.sessionId(), time(s.startedAt()), time(s.endedAt()), Yuan.of(s.gmvFen()));
		}
	}

	private void eligibility(Explanation.Eligibility el) {
		blank();
		line("资格 Eligibility (§一, §5.2.1, §5.2.5, §2.7): %s", headline(el));
		for (Explanation.Check c : el.checks()) {
			line("  [%s] %-15s %s%s", c.passed() ? "通过 pass" : "未过 FAIL", c.check(), c.value(),
					c.reason() == null ? "" : " → " + c.reason() + " " + CodeTexts.text("eligibility", c.reason()));
		}
		if (!el.industries().isEmpty()) {
			line("  适用行业 industries the version lists: %s", el.industries().stream().map(Conclusion::industry)
				.collect(Collectors.joining("、")));
		}
		Explanation.BrandValues b = el.brand();
		line("  品牌 brand values: %s \"%s\", industry %s, badge %s, library entry %s (brand_history %s)", b.brandId(),
				b.brandName(), b.industry(), yesNo(b.hasBrandBadge()), orNone(b.libraryEntryDate()),
				validity(b.validFrom(), b.validTo()));
		Explanation.AccountValues a = el.account();
		line("  账号 account values: store %s, last broadcast reported %s, cold_start_used %s (account_history %s)",
				orNone(a.storeId()), a.lastBroadcastEndedAt() == null ? "none" : time(a.lastBroadcastEndedAt()),
				yesNo(a.coldStartUsed()), validity(a.validFrom(), a.validTo()));
		Explanation.StoreValues st = el.store();
		if (st != null) {
			line("  店铺 store values: %s", st.storeStatus() == null ? st.storeId() + " never reported in store_risk.csv"
					+ " (not known to be closed)"
					: st.storeId() + " " + st.storeStatus() + ", refund rate " + st.refundRate().stripTrailingZeros()
							.toPlainString() + ", complaints " + st.complaintCount() + " (store_risk_history "
							+ validity(st.validFrom(), st.validTo()) + ")");
		}
		line("  账号状态 account status: %s", status(el.status()));
	}

	/**
	 * The eligibility headline: takes part, takes part but its status rejects every claim, or does
	 * not take part and why.
	 */
	private static String headline(Explanation.Eligibility el) {
		if (!el.takesPart()) {
			return "不参与 does not take part" + (el.reason() == null ? ""
					: ": " + el.reason() + " " + CodeTexts.text("eligibility", el.reason()));
		}
		if (!"ACTIVE".equals(el.status().status())) {
			return "满足参与条件，但账号活动资格为「" + CodeTexts.text("status", el.status().status()) + "」，本日的奖励申请均不予发放"
					+ " (the checks pass, but status " + el.status().status() + " rejects every claim of the day)";
		}
		return "参与 takes part: its sessions are weighed";
	}

	private void coldStart(Explanation.ColdStart c) {
		if (c == null) {
			return;
		}
		blank();
		line("冷启动 Cold start (§二): %s %s%s", c.outcome(), CodeTexts.text("cold_start", c.outcome()),
				c.claimedSession() == null ? "" : " · 申请场次 claimed by session " + c.claimedSession());
		if (c.coupons() == null) {
			line("  the version in force has no COLD_START program");
			return;
		}
		line("  入库 library entry %s · 首播期限 first-broadcast window %s · 沉寂 dormant %d days (%d h)",
				c.libraryEntryDate() == null ? "无 none (not in the library)" : c.libraryEntryDate(),
				c.windowEnd() == null ? "无 none (no library entry)"
						: "to " + c.windowEnd() + " (" + c.firstBroadcastWindowDays() + " days)",
				c.dormantDays(), c.dormantDays() * 24);
		line("  cold_start_used (upstream, in any accounts.csv so far) %s · 已扶持 granted before %s", yesNo(c.coldStartUsed()),
				orNone(c.grantedBefore()));
		for (Explanation.ColdStartSession s : c.sessions()) {
			String previous = s.previous() == null ? "上次开播 previous broadcast: none known (a first broadcast)"
					: "上次开播 previous broadcast ended " + time(s.previous().endedAt()) + " (" + source(s.previous())
							+ ") · 间隔 gap " + s.gapHours() + " h of " + s.requiredHours() + " h needed";
			boolean qualifiedLater = "CLAIMED".equals(s.outcome()) && !s.sessionId().equals(c.claimedSession());
			line("  %s started %s, ended on %s: %s → %s", s.sessionId(), time(s.startedAt()), s.endDate(), previous,
					qualifiedLater ? "qualifies, but only the first qualifying session claims (只有第一个符合条件的场次申请)"
							: s.outcome() + " " + CodeTexts.text("cold_start", s.outcome()));
		}
		if (c.sessions().stream().filter(s -> "CLAIMED".equals(s.outcome())).count() > 1) {
			line("  每个视频号只扶持 1 次: of %d qualifying sessions only the first, %s, claims (§2.3)",
					c.sessions().stream().filter(s -> "CLAIMED".equals(s.outcome())).count(), c.claimedSession());
		}
	}

	private void growth(Explanation.Growth g) {
		if (g == null) {
			return;
		}
		blank();
		line("成长 Growth (§三): %s %s%s", g.outcome(), CodeTexts.text("growth", g.outcome()),
				g.claimedSession() == null ? "" : " · 申请场次 claimed by session " + g.claimedSession() + ", tier " + g.claimedTier());
		if (g.baselineDays() == null) {
			line("  the version in force has no GROWTH program");
			return;
		}
		line("  基线 baseline: sessions that ended %s .. %s (%d days), ingested by earlier runs: %d, 成交额 GMV %s, 场均 mean %s",
				g.windowFrom(), g.windowTo(), g.baselineDays(), g.baselineSessions(), Yuan.of(g.baselineGmvFen()),
				g.baselineMeanFen() == null ? "none (no baseline: a tier with min_growth cannot be met)"
						: Yuan.of(g.baselineMeanFen()));
		for (Explanation.GrowthSession s : g.sessions()) {
			line("  %s 成交额 GMV %s · 增长 growth %s%s", s.sessionId(), Yuan.of(s.gmvFen()),
					s.growth() == null ? "n/a" : Conclusion.percent(s.growth()),
					s.firstTierMet() == null ? " · 未达任何档位 no tier met" : " · highest tier met " + s.firstTierMet());
			for (Explanation.Tier t : s.tiers()) {
				StringBuilder why = new StringBuilder();
				why.append("GMV ").append(Yuan.of(s.gmvFen())).append(s.gmvFen() >= t.minGmvFen() ? " >= " : " < ")
					.append(Yuan.of(t.minGmvFen()));
				if (t.gmvShortFen() > 0) {
					why.append(" (short ").append(Yuan.of(t.gmvShortFen())).append(')');
				}
				if (t.minGrowth() != null) {
					why.append("; growth ").append(s.growth() == null ? "n/a" : Conclusion.percent(s.growth()))
						.append(t.growthMet() ? " meets " : " misses ")
						.append(Conclusion.percent(t.minGrowth()));
					if (t.growthShort() != null && t.growthShort().signum() > 0) {
						why.append(" (short ").append(Conclusion.percent(t.growthShort()).replace("%", ""))
							.append(" percentage points)");
					}
				}
				line("    %s %s (%d 张): %s", t.tier(), t.met() ? "达到 met" : "未达 missed", t.coupons(), why);
			}
		}
		long meeting = g.sessions().stream().filter(s -> s.firstTierMet() != null).count();
		if (meeting > 1) {
			line("  每个账号每个业务日至多一次成长扶持申请 one GROWTH claim a day: of %d sessions meeting a tier, the highest"
					+ " tier (ties: earliest end) claims: %s (§2.4)", meeting, g.claimedSession());
		}
	}

	/** A program registered beside the SPEC's: its outcome and the lines its rule gives. */
	private void program(Explanation.ProgramDecision p) {
		blank();
		line("%s %s (%s): %s%s", CodeTexts.text("program", p.program()), p.program(),
				CodeTexts.clause("program", p.program()).orElse("-"), p.outcome(), p.claimedSession() == null ? ""
						: " · 申请场次 claimed by session " + p.claimedSession() + (p.tier() == null ? "" : ", tier " + p.tier())
								+ ", " + p.coupons() + " 张");
		p.workings().forEach(w -> line("  %s", w));
	}

	private void benchmark(List<Explanation.BenchmarkEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		blank();
		line("标杆案例 Benchmark (§四): %d event(s) open on or decided by this run", events.size());
		for (Explanation.BenchmarkEvent e : events) {
			line("  %s filed %s, planned %s: lead %d days%s · target %s · review %s", e.eventId(), time(e.submittedAt()),
					time(e.plannedStartAt()), e.leadDays(), e.minLeadDays() == null ? "" : " (at least " + e.minLeadDays()
							+ ")", Yuan.of(e.targetGmvFen()), e.reviewStatus());
			if (e.matchWindowHours() != null) {
				line("    match window ±%d h: %s", e.matchWindowHours(), e.candidates().isEmpty()
						? "no session of this run starts in it"
						: e.candidates().stream().map(c -> c.sessionId() + " (" + signed(c.minutesFromPlannedStart())
								+ " min" + (c.takenBy() == null ? "" : ", taken by " + c.takenBy()) + ")")
							.collect(Collectors.joining(", ")));
			}
			line("    结果 outcome %s%s%s", e.outcome() == null ? "none recorded"
					: e.outcome() + " " + CodeTexts.text("benchmark", e.outcome()),
					e.decidedOn() == null ? "" : " (" + (e.outcomeFinal() ? "final" : "not final")
							+ ", recorded by the run of " + e.decidedOn() + ")",
					e.sessionId() == null ? "" : ": session " + e.sessionId() + ", " + e.gmvPct().toPlainString()
							+ " % of target");
			if ("NO_PROGRAM".equals(e.outcome())) {
				line("    无此项目 no policy version with the BENCHMARK program governs %s, its planned date: the case has"
						+ " no program to be rewarded under (§四 ended or cancelled)", e.plannedStartAt().toLocalDate());
			}
			if (!e.milestones().isEmpty()) {
				line("    milestones: %s%s", e.milestones().stream().map(m -> m.pct() + " % (" + Yuan.of(m.gmvNeededFen())
						+ ", " + m.coupons() + " 张) " + (m.reached() ? "reached" : "not reached"))
					.collect(Collectors.joining("; ")), e.grantId() == null ? "" : " → claim " + e.grantId());
			}
		}
	}

	private void claims(List<Explanation.ClaimAnswer> claims) {
		blank();
		if (claims.isEmpty()) {
			line("先到先得 First come first served: no claim, so no coupons");
			return;
		}
		line("先到先得 First come first served (§2.6): %d 次申请 %s", claims.size(), claims.size() == 1 ? "claim" : "claims");
		for (Explanation.ClaimAnswer c : claims) {
			String what = c.tier() != null ? " tier " + c.tier()
					: c.milestonesReached() != null ? " event " + c.eventId() + " milestones " + c.milestonesReached() : "";
			line("  %s %s %s%s · session %s claimed at %s · 申请 requested %d 张", c.grantId(), c.program(),
					CodeTexts.text("program", c.program()), what, c.sessionId(), time(c.claimedAt()), c.requestedCoupons());
			line("    排队 queue: #%d in the %s pool of %s (%d %s of that pool served before it that day)",
					c.queuePosition(), c.program(), c.poolMonth(), c.claimsAhead(), c.claimsAhead() == 1 ? "claim" : "claims");
			line("    池 pool remaining before: %s of cap %s · 品牌 brand remaining before: %s",
					orNone(c.poolRemainingBefore()), orNone(c.monthlyCap()), c.perBrandMonthlyCap() == null
							? "no per-brand cap" : orNone(c.brandRemainingBefore()) + " of " + c.perBrandMonthlyCap());
			String result = switch (c.status()) {
				case "GRANTED" -> "GRANTED " + c.grantedCoupons() + " 张, all it asked";
				case "PARTIAL" -> "PARTIAL " + c.grantedCoupons() + " of " + c.requestedCoupons() + " 张: "
						+ limit(c);
				default -> "REJECTED: " + limit(c);
			};
			line("    → 结果 result %s", result);
			if (c.expiresOn() != null) {
				line("      面值 each coupon %s, 有效期至 valid to %s", Yuan.of(c.faceValueFen()), c.expiresOn());
			}
			later(c.later());
		}
	}

	private static String limit(Explanation.ClaimAnswer c) {
		String code = Conclusion.shortBy(c);
		String said = code + " " + CodeTexts.text("reason", code);
		return switch (code) {
			case "CAP_EXHAUSTED" -> said + " (the program's pool of " + c.poolMonth() + " had " + c.poolRemainingBefore()
					+ " left)";
			case "BRAND_CAP_REACHED" -> said + " (the brand's monthly share had " + c.brandRemainingBefore() + " left)";
			default -> said + " (a claim of an account that is not ACTIVE gets nothing and takes nothing from the pool)";
		};
	}

	private void later(Explanation.Later l) {
		for (Explanation.Usage u : l.usage()) {
			line("    后续 later: usage as of %s: %d used%s", u.asOfDate(), u.usedCoupons(),
					u.reportedUsedCoupons() == u.usedCoupons() ? "" : " (reported " + u.reportedUsedCoupons() + ")");
		}
		for (Explanation.UsageAdjustment a : l.usageAdjustments()) {
			line("    后续 later: usage of %s taken as %d, not %d (%s%s)", a.businessDate(), a.countedUsedCoupons(),
					a.reportedUsedCoupons(), a.kind(), a.excessCoupons() == 0 ? "" : ", " + a.excessCoupons() + " beyond");
		}
		for (Explanation.Clawback cb : l.clawbacks()) {
			line("    后续 later: 回收 clawed back by the run of %s: %s", cb.businessDate(), clawback(cb));
		}
		if (l.expiry() != null) {
			line("    后续 later: 过期 %d 张 expired unused (recorded by the run of %s)", l.expiry().expiredCoupons(),
					l.expiry().businessDate());
		}
	}

	private void risk(Explanation.Risk r) {
		if (r.statusChange() == null && r.clawbacks().isEmpty()) {
			return;
		}
		blank();
		line("风控 Risk decided by this run:");
		if (r.statusChange() != null) {
			line("  状态变更 status change: %s", status(r.statusChange()));
		}
		for (Explanation.ClawbackOfGrant c : r.clawbacks()) {
			line("  回收 clawback of %s: %s", c.grantId(), clawback(c.clawback()));
		}
	}

	private void record(Explanation e) {
		blank();
		if (e.recorded() == null && e.disagreements().isEmpty()) {
			line("核对 check: the run recorded no decision for the account on this date (no sessions)");
		}
		else if (e.disagreements().isEmpty()) {
			line("核对 check: agrees with what the run recorded (eligibility_decision: %s; claims and grants)",
					e.recorded().reason() == null ? "a claim came" : e.recorded().reason());
		}
		else {
			line("核对 check: DIFFERS from what the run recorded (stored history changed since?):");
			e.disagreements().forEach(d -> line("  %s", d));
		}
	}

	private static String status(Explanation.StatusValues s) {
		if (s.effectiveDate() == null) {
			return s.status() + " (no status change on record)";
		}
		return s.status() + " 「" + CodeTexts.text("status", s.status()) + "」 since " + s.effectiveDate()
				+ (s.untilDate() == null ? "" : " until " + s.untilDate()) + " (was " + s.previousStatus() + "): "
				+ s.triggerCode() + " " + CodeTexts.text("trigger", s.triggerCode()) + " " + s.clause() + ", " + s.reason();
	}

	private static String clawback(Explanation.Clawback c) {
		return c.clawedCoupons() + " 张, " + c.unrecoverableCoupons() + " already used; " + c.triggerCode() + " "
				+ CodeTexts.text("trigger", c.triggerCode()) + " " + c.clause() + ", " + c.reason()
				+ (c.returnedToPool() ? "; back in the pool" : "; the month was closed: not back in the pool");
	}

	private static String source(Explanation.Previous p) {
		if (p.source() == null) {
			return "source not found";
		}
		return p.source().equals("SESSION") ? "session " + p.sessionId() + ", ingested by the run of " + p.ingestedOn()
				: "last_broadcast_ended_at of the accounts.csv of " + p.snapshotDate();
	}

	private static String validity(LocalDate from, LocalDate to) {
		return "from " + from + (to == null ? ", current" : " to " + to);
	}

	private static String time(LocalDateTime t) {
		return TIME.format(t);
	}

	private static String signed(long minutes) {
		return minutes >= 0 ? "+" + minutes : Long.toString(minutes);
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static String orNone(Object value) {
		return value == null ? "none" : value.toString();
	}

	private void line(String format, Object... args) {
		this.text.append(String.format(java.util.Locale.ROOT, format, args)).append('\n');
	}

	private void blank() {
		this.text.append('\n');
	}

}
