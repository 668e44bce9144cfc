package com.livecommerce.incentive.explain;

import com.livecommerce.incentive.common.CodeTexts;
import com.livecommerce.incentive.common.Yuan;
import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The 结论 of an {@link Explanation}: what the day gave the account and why, in one line of Chinese
 * a support agent can read out to the merchant, with the clause of the policy it rests on. Every
 * code in it is said in the words of the one table ({@link CodeTexts}) the messages use too; money
 * is in yuan, growth in percent. Built from the explanation's own figures only.
 */
final class Conclusion {

	private final Explanation e;

	private final Policy policy;

	private Conclusion(Explanation e, Policy policy) {
		this.e = e;
		this.policy = policy;
	}

	/** @param policy the version in force on the date; null when none was */
	static Explanation.Outcome of(Explanation e, Policy policy) {
		return new Conclusion(e, policy).outcome();
	}

	private Explanation.Outcome outcome() {
		String who = "账号 " + this.e.accountId() + " 在 " + this.e.businessDate() + " ";
		List<Explanation.ClaimAnswer> claims = this.e.claims();
		String result;
		String reason;
		String clause;
		String body;
		int requested = claims.stream().mapToInt(Explanation.ClaimAnswer::requestedCoupons).sum();
		int granted = claims.stream().mapToInt(Explanation.ClaimAnswer::grantedCoupons).sum();
		if (!claims.isEmpty()) {
			result = claims.stream().allMatch(c -> "GRANTED".equals(c.status())) ? "GRANTED"
					: granted == 0 ? "REJECTED" : "PARTIAL";
			Explanation.ClaimAnswer first = claims.stream().filter(c -> shortBy(c) != null).findFirst().orElse(null);
			reason = first == null ? null : shortBy(first);
			clause = first == null ? null : clause(first);
			body = "的直播" + (granted == 0 ? "未获流量券：" : "共获得流量券 " + granted + " 张：")
					+ claims.stream().map(this::claim).collect(Collectors.joining("；"));
		}
		else if (this.e.sessions().isEmpty()) {
			result = "NO_SESSIONS";
			reason = null;
			clause = null;
			body = "没有直播场次（当日的结算没有收到该账号的场次），所以没有奖励申请，也没有发放流量券";
		}
		else {
			result = "NO_CLAIM";
			reason = this.e.eligibility().reason();
			clause = CodeTexts.clause("eligibility", reason).orElse(null);
			body = "的 " + this.e.sessions().size() + " 场直播未获流量券：" + notEligible(reason, clause);
		}
		StringBuilder line = new StringBuilder("结论：").append(who).append(body).append('。');
		risk(line);
		return new Explanation.Outcome(result, reason, clause, requested, granted, line.toString());
	}

	/** One claim: "成长扶持（G2 档）申请 3 张，未获发放：本月流量券已发放完毕，先到先得（…）". */
	private String claim(Explanation.ClaimAnswer c) {
		String what = CodeTexts.text("program", c.program()) + detail(c);
		String session = c.sessionId() == null ? "" : "场次 " + c.sessionId() + "，";
		return switch (c.status()) {
			case "GRANTED" -> what + "获得 " + c.grantedCoupons() + " 张（" + session + "面值 " + Yuan.of(c.faceValueFen())
					+ "/张，有效期至 " + c.expiresOn() + "）";
			case "PARTIAL" -> what + "申请 " + c.requestedCoupons() + " 张，发放 " + c.grantedCoupons() + " 张（" + session
					+ "有效期至 " + c.expiresOn() + "），其余未发放：" + shortfall(c);
			default -> what + "申请 " + c.requestedCoupons() + " 张，未获发放（" + session.replace("，", "") + "）："
					+ shortfall(c);
		};
	}

	private static String detail(Explanation.ClaimAnswer c) {
		if (c.tier() != null) {
			return "（" + c.tier() + " 档）";
		}
		if (c.eventId() != null) {
			return "（标杆案例 " + c.eventId() + (c.milestonesReached() == null ? ""
					: "，达成目标 " + c.milestonesReached().replace(",", "%、") + "%") + "）";
		}
		return "";
	}

	/** Why a claim got less than it asked, with the figures and the clause. */
	private String shortfall(Explanation.ClaimAnswer c) {
		String code = shortBy(c);
		String figures = switch (code) {
			case "CAP_EXHAUSTED" -> c.poolMonth() + " 本项目额度 " + orUnknown(c.monthlyCap()) + " 张，轮到本次申请时剩余 "
					+ orUnknown(c.poolRemainingBefore()) + " 张；未获发放的部分平台不予以补偿";
			case "BRAND_CAP_REACHED" -> "每个品牌每月 " + orUnknown(c.perBrandMonthlyCap()) + " 张，轮到本次申请时本品牌剩余 "
					+ orUnknown(c.brandRemainingBefore()) + " 张";
			default -> statusFigures();
		};
		return CodeTexts.text("reason", code) + aside(figures, basis(clause(c)));
	}

	/** For a claim rejected for the account's status: since when, why, until when. */
	private String statusFigures() {
		Explanation.StatusValues s = this.e.eligibility().status();
		if (s.effectiveDate() == null) {
			return "";
		}
		return "自 " + s.effectiveDate() + " 起，原因：" + CodeTexts.text("trigger", s.triggerCode())
				+ (s.untilDate() == null ? "" : "，至 " + s.untilDate());
	}

	/** The clause of a claim's shortfall: caps by program (§2.1, §3.2, §4.1), a status by the clause recorded with it. */
	private String clause(Explanation.ClaimAnswer c) {
		String code = shortBy(c);
		if ("CAP_EXHAUSTED".equals(code) || "BRAND_CAP_REACHED".equals(code)) {
			return CodeTexts.clause("cap", c.program()).orElse(null);
		}
		Explanation.StatusValues s = this.e.eligibility().status();
		return s.clause() != null && code.equals(s.status()) ? s.clause() : CodeTexts.clause("reason", code).orElse(null);
	}

	/** Why sessions earned no claim: the first failing check, or what each program missed. */
	private String notEligible(String reason, String clause) {
		String sentence = CodeTexts.text("eligibility", reason);
		Explanation.Eligibility el = this.e.eligibility();
		return switch (reason) {
			case "INDUSTRY_NOT_LISTED" -> sentence + aside("品牌行业为 " + industry(el.brand().industry()) + "，适用行业为 "
					+ el.industries().stream().map(Conclusion::industry).collect(Collectors.joining("、")), basis(clause));
			case "STORE_CLOSED" -> sentence + aside("店铺 " + el.account().storeId(), basis(clause));
			case "NO_RULE_MET" -> "账号符合参与条件，但" + coldStartMissed() + "；" + growthMissed() + otherProgramsMissed();
			default -> sentence + aside(reason.startsWith("ACCOUNT_") ? statusFigures() : "", basis(clause));
		};
	}

	/** "；稳定开播扶持：…" for each program registered beside the SPEC's, in its own words. */
	private String otherProgramsMissed() {
		return this.e.otherPrograms()
			.stream()
			.map(p -> "；" + CodeTexts.text("program", p.program()) + "未达到条件"
					+ (p.workings().isEmpty() ? "" : "（" + String.join("，", p.workings()) + "）"))
			.collect(Collectors.joining());
	}

	private String coldStartMissed() {
		Explanation.ColdStart c = this.e.coldStart();
		if (c == null) {
			return "不符合品牌冷启动扶持条件";
		}
		String why = CodeTexts.text("cold_start", c.outcome());
		String figures = switch (c.outcome()) {
			case "NOT_DORMANT" -> c.sessions().stream()
				.filter(s -> s.gapHours() != null)
				.min(Comparator.comparing(Explanation.ColdStartSession::startedAt))
				.map(s -> "距上次开播 " + hours(s.gapHours()) + " 小时，需至少 " + c.dormantDays() + " 天即 " + s.requiredHours()
						+ " 小时未开播")
				.orElse("");
			case "FIRST_BROADCAST_TOO_LATE" -> "品牌 " + c.libraryEntryDate() + " 录入优质商家库，首播须在 " + c.windowEnd()
					+ " 或之前";
			default -> "";
		};
		return "品牌冷启动扶持：" + why + aside(figures, basis(CodeTexts.clause("cold_start", c.outcome()).orElse(null)));
	}

	private String growthMissed() {
		Explanation.Growth g = this.e.growth();
		if (g == null) {
			return "未达到成长扶持档位";
		}
		String why = "成长扶持：" + CodeTexts.text("growth", g.outcome());
		String basis = basis(CodeTexts.clause("growth", g.outcome()).orElse(null));
		if (!"NO_TIER_MET".equals(g.outcome()) || this.policy == null || this.policy.programs().growth() == null
				|| g.sessions().isEmpty()) {
			return why + aside("", basis);
		}
		Policy.Tier lowest = this.policy.programs().growth().tiers().get(this.policy.programs().growth().tiers().size() - 1);
		Explanation.GrowthSession best = g.sessions()
			.stream()
			.max(Comparator.comparingLong(Explanation.GrowthSession::gmvFen))
			.orElseThrow();
		StringBuilder need = new StringBuilder("最低档 ").append(lowest.name()).append(" 需成交额至少 ")
			.append(Yuan.of(lowest.minGmvFen()));
		if (lowest.minGrowth() != null) {
			need.append("，且比近 ").append(g.baselineDays()).append(" 天场均成交额增长至少 ").append(percent(lowest.minGrowth()));
		}
		need.append("；本日成交额最高的场次 ").append(best.sessionId()).append(" 为 ").append(Yuan.of(best.gmvFen()));
		if (lowest.minGrowth() != null) {
			need.append(best.growth() == null ? "，近期没有场次可作比较" : "，增长 " + percent(best.growth()));
		}
		return why + aside(need.toString(), basis);
	}

	/** The day's risk decisions about the account, after the day's coupons. */
	private void risk(StringBuilder line) {
		Explanation.Risk r = this.e.risk();
		if (r.statusChange() != null) {
			Explanation.StatusValues s = r.statusChange();
			line.append("当日账号活动资格变为「").append(CodeTexts.text("status", s.status())).append("」：")
				.append(CodeTexts.text("trigger", s.triggerCode()))
				.append(aside(s.untilDate() == null ? "" : "至 " + s.untilDate(), basis(s.clause())))
				.append('。');
		}
		List<String> clawbacks = new ArrayList<>();
		for (Explanation.ClawbackOfGrant c : r.clawbacks()) {
			Explanation.Clawback cb = c.clawback();
			clawbacks.add("回收此前发放的流量券 " + cb.clawedCoupons() + " 张：" + CodeTexts.text("trigger", cb.triggerCode())
					+ aside(cb.unrecoverableCoupons() == 0 ? "" : "已使用的 " + cb.unrecoverableCoupons() + " 张无法回收",
							basis(cb.clause())));
		}
		if (!clawbacks.isEmpty()) {
			line.append("当日").append(String.join("；", clawbacks)).append('。');
		}
	}

	/** What a claim was short by, as the database records it: reject_reason or limited_by. */
	static String shortBy(Explanation.ClaimAnswer c) {
		return c.rejectReason() != null ? c.rejectReason() : c.limitedBy();
	}

	static String industry(String code) {
		return CodeTexts.find("industry", code).map(name -> name + "（" + code + "）").orElse(code);
	}

	/** A ratio as a percentage, two places at most, rounded toward zero: -0.366132 → -36.61%. */
	static String percent(BigDecimal ratio) {
		return ratio.movePointRight(2).setScale(2, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "%";
	}

	private static String hours(BigDecimal hours) {
		return hours.stripTrailingZeros().toPlainString();
	}

	private static String orUnknown(Integer value) {
		return value == null ? "?" : value.toString();
	}

	/** "依据《…》§3.2", or "" without a clause. */
	private static String basis(String clause) {
		return clause == null ? "" : "依据" + CodeTexts.policyName() + clause;
	}

	/** The parts that are not empty, in one parenthesis: "（剩余 0 张；依据《…》§3.2）"; "" when all are. */
	private static String aside(String... parts) {
		String inside = java.util.Arrays.stream(parts).filter(p -> !p.isEmpty()).collect(Collectors.joining("；"));
		return inside.isEmpty() ? "" : "（" + inside + "）";
	}

}
