package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.Yuan;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the night's facts into messages (SPEC §2.8): the texts come from {@link Templates}, the
 * figures from the rows; the payload carries the same data as JSON.
 */
final class Composer {

	static final String SESSION_REWARD = "SESSION_REWARD";

	static final String ACCOUNT_STATUS = "ACCOUNT_STATUS";

	static final String CLAWBACK = "CLAWBACK";

	static final String MONTHLY_STATEMENT = "MONTHLY_STATEMENT";

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final Templates templates;

	Composer(Templates templates) {
		this.templates = templates;
	}

	/** One message per session with at least one claim: its figures, each claim's outcome, earlier usage. */
	Message sessionReward(String batchId, LocalDate date, List<Sources.ClaimRow> claims) {
		Sources.ClaimRow s = claims.get(0);
		List<String> claimLines = new ArrayList<>();
		List<Object> claimPayloads = new ArrayList<>();
		int grantedTotal = 0;
		for (Sources.ClaimRow c : claims) {
			grantedTotal += c.granted();
			String reason = c.rejectReason() != null ? c.rejectReason() : c.limitedBy();
			claimLines.add(this.templates.render("claim." + c.status(), Map.of("program", program(c.program()),
					"detail", detail(c), "requested", c.requested(), "granted", c.granted(), "face_value",
					Yuan.of(c.faceValueFen()), "expires_on", c.expiresOn() == null ? "" : c.expiresOn(), "reason",
					reason == null ? "" : this.templates.text("reason." + reason))));
			Map<String, Object> claim = Json.object();
			claim.put("grant_id", c.grantId());
			claim.put("program", c.program());
			claim.put("tier", c.tier());
			claim.put("event_id", c.eventId());
			claim.put("milestones_reached", milestones(c.milestones()));
			claim.put("requested_coupons", c.requested());
			claim.put("granted_coupons", c.granted());
			claim.put("face_value_fen", c.faceValueFen());
			claim.put("expires_on", c.expiresOn() == null ? null : c.expiresOn().toString());
			claim.put("status", c.status());
			claim.put("reason", reason);
			claimPayloads.add(claim);
		}
		Sources.EarlierCoupons e = s.earlier();
		boolean limited = claims.stream()
			.anyMatch(c -> limitedByCap(c.rejectReason()) || limitedByCap(c.limitedBy()));
		List<String> notices = new ArrayList<>();
		if (limited) {
			notices.add(this.templates.render("notice_first_come", Map.of()));
		}
		notices.add(this.templates.render("notice_no_fee", Map.of()));
		String usage = e.grants() == 0 ? this.templates.text("usage.none")
				: this.templates.render("usage.some", Map.of("grants", e.grants(), "granted", e.granted(), "used",
						e.used(), "impressions", e.impressions(), "views", e.views(), "interactions", e.interactions()));
		String title = this.templates.render("session_reward.title", Map.of("granted", grantedTotal));
		String body = this.templates.render("session_reward.body", Map.of("session_id", s.sessionId(), "ended_at",
				MINUTES.format(s.endedAt()), "gmv", Yuan.of(s.gmvFen()), "orders", s.orderCount(), "viewers",
				s.viewerCount(), "watch_minutes", s.watchMinutes(), "new_followers", s.newFollowers(), "claims",
				String.join("\n", claimLines), "usage", usage, "limited",
				limited ? this.templates.render("notice_first_come", Map.of()) + "\n" : ""));
		Map<String, Object> session = Json.object();
		session.put("session_id", s.sessionId());
		session.put("account_id", s.accountId());
		session.put("started_at", Json.time(s.startedAt()));
		session.put("ended_at", Json.time(s.endedAt()));
		session.put("gmv_fen", s.gmvFen());
		session.put("order_count", s.orderCount());
		session.put("viewer_count", s.viewerCount());
		session.put("watch_minutes", s.watchMinutes());
		session.put("new_followers", s.newFollowers());
		Map<String, Object> earlier = Json.object();
		earlier.put("grants", e.grants());
		earlier.put("granted_coupons", e.granted());
		earlier.put("used_coupons", e.used());
		earlier.put("impressions", e.impressions());
		earlier.put("views", e.views());
		earlier.put("interactions", e.interactions());
		Map<String, Object> payload = Json.object();
		payload.put("session", session);
		payload.put("claims", claimPayloads);
		payload.put("coupons_granted", grantedTotal);
		payload.put("earlier_coupons", earlier);
		payload.put("notices", notices);
		payload.put("disclaimer", this.templates.text("disclaimer"));
		return Message.of(batchId, SESSION_REWARD + ":" + s.sessionId(), SESSION_REWARD, s.accountId(), s.brandId(),
				date, title, body, Json.write(payload));
	}

	Message accountStatus(String batchId, LocalDate date, Sources.StatusRow r) {
		String status = this.templates.text("status." + r.status());
		String until = r.untilDate() == null ? ""
				: this.templates.render("account_status.until", Map.of("until_date", r.untilDate()));
		String title = this.templates.render("account_status.title", Map.of("status", status));
		String body = this.templates.render("account_status.body", Map.of("account_id", r.accountId(), "effective_date",
				r.effectiveDate(), "status", status, "previous", this.templates.text("status." + r.previousStatus()),
				"trigger", this.templates.text("trigger." + r.triggerCode()), "clause", r.clause(), "until", until,
				"consequence", this.templates.text("consequence." + r.status())));
		Map<String, Object> payload = Json.object();
		payload.put("account_id", r.accountId());
		payload.put("status", r.status());
		payload.put("previous_status", r.previousStatus());
		payload.put("effective_date", r.effectiveDate().toString());
		payload.put("until_date", r.untilDate() == null ? null : r.untilDate().toString());
		payload.put("trigger", r.triggerCode());
		payload.put("violation_id", r.violationId());
		payload.put("clause", r.clause());
		payload.put("reason", r.reason());
		payload.put("notices", List.of(this.templates.render("notice_contact", Map.of())));
		return Message.of(batchId, ACCOUNT_STATUS + ":" + r.accountId() + ":" + r.effectiveDate(), ACCOUNT_STATUS,
				r.accountId(), r.brandId(), date, title, body, Json.write(payload));
	}

	Message clawback(String batchId, LocalDate date, Sources.ClawbackRow r) {
		String title = this.templates.render("clawback.title", Map.of("clawed", r.clawed()));
		String body = this.templates.render("clawback.body", Map.of("trigger", this.templates.text("trigger." + r.triggerCode()),
				"clause", r.clause(), "account_id", r.accountId(), "grant_date", r.grantDate(), "program",
				program(r.program()), "session_id", r.sessionId(), "granted", r.granted(), "clawed", r.clawed(),
				"unrecoverable", r.unrecoverable()));
		Map<String, Object> payload = Json.object();
		payload.put("clawback_id", r.clawbackId());
		payload.put("grant_id", r.grantId());
		payload.put("account_id", r.accountId());
		payload.put("program", r.program());
		payload.put("session_id", r.sessionId());
		payload.put("grant_date", r.grantDate().toString());
		payload.put("granted_coupons", r.granted());
		payload.put("clawed_coupons", r.clawed());
		payload.put("unrecoverable_coupons", r.unrecoverable());
		payload.put("face_value_fen", r.faceValueFen());
		payload.put("trigger", r.triggerCode());
		payload.put("violation_id", r.violationId());
		payload.put("clause", r.clause());
		payload.put("reason", r.reason());
		payload.put("notices", List.of(this.templates.render("notice_contact", Map.of())));
		return Message.of(batchId, CLAWBACK + ":" + r.clawbackId(), CLAWBACK, r.accountId(), r.brandId(), date, title,
				body, Json.write(payload));
	}

	/** One per brand and month: per program and in total, what was granted, clawed back, expired and used. */
	Message monthlyStatement(String batchId, LocalDate date, String poolMonth, List<Sources.StatementRow> rows) {
		Sources.StatementRow b = rows.get(0);
		List<String> lines = new ArrayList<>();
		List<Object> programs = new ArrayList<>();
		int granted = 0;
		int clawed = 0;
		int expired = 0;
		int used = 0;
		int unused = 0;
		long value = 0;
		for (Sources.StatementRow r : rows) {
			lines.add(this.templates.render("monthly.line", Map.of("program", program(r.program()), "claims", r.claims(),
					"granted", r.granted(), "value", Yuan.of(r.grantedValueFen()), "used", r.used(), "clawed",
					r.clawedBack(), "expired", r.expired(), "unused", r.unused())));
			Map<String, Object> p = Json.object();
			p.put("program", r.program());
			p.put("claims", r.claims());
			p.put("rejected_claims", r.rejectedClaims());
			p.put("coupons_granted", r.granted());
			p.put("granted_value_fen", r.grantedValueFen());
			p.put("coupons_clawed_back", r.clawedBack());
			p.put("coupons_expired", r.expired());
			p.put("coupons_used", r.used());
			p.put("coupons_unused", r.unused());
			programs.add(p);
			granted += r.granted();
			clawed += r.clawedBack();
			expired += r.expired();
			used += r.used();
			unused += r.unused();
			value += r.grantedValueFen();
		}
		String month = poolMonth.substring(0, 4) + "年" + Integer.parseInt(poolMonth.substring(5)) + "月";
		String title = this.templates.render("monthly.title", Map.of("month", month));
		String body = this.templates.render("monthly.body", Map.of("brand_name", b.brandName(), "brand_id", b.brandId(),
				"month", month, "lines", String.join("\n", lines), "granted", granted, "value", Yuan.of(value),
				"used", used, "clawed", clawed, "expired", expired, "unused", unused));
		Map<String, Object> payload = Json.object();
		payload.put("brand_id", b.brandId());
		payload.put("brand_name", b.brandName());
		payload.put("industry", b.industry());
		payload.put("pool_month", poolMonth);
		payload.put("programs", programs);
		payload.put("coupons_granted", granted);
		payload.put("granted_value_fen", value);
		payload.put("coupons_clawed_back", clawed);
		payload.put("coupons_expired", expired);
		payload.put("coupons_used", used);
		payload.put("coupons_unused", unused);
		payload.put("notices", List.of(this.templates.render("notice_no_fee", Map.of())));
		payload.put("disclaimer", this.templates.text("disclaimer"));
		return Message.of(batchId, MONTHLY_STATEMENT + ":" + b.brandId() + ":" + poolMonth, MONTHLY_STATEMENT, null,
				b.brandId(), date, title, body, Json.write(payload));
	}

	/** Outcomes limited by a cap: their message says coupons are limited and not compensated (§3.2). */
	private static boolean limitedByCap(String reason) {
		return "CAP_EXHAUSTED".equals(reason) || "BRAND_CAP_REACHED".equals(reason);
	}

	private String program(String program) {
		return this.templates.text("program." + program);
	}

	private String detail(Sources.ClaimRow c) {
		if (c.tier() != null) {
			return this.templates.render("detail.tier", Map.of("tier", c.tier()));
		}
		if (c.milestones() != null) {
			return this.templates.render("detail.milestones", Map.of("milestones",
					String.join("、", Arrays.stream(c.milestones().split(",")).map(p -> p + "%").toList())));
		}
		return "";
	}

	private static List<Integer> milestones(String milestones) {
		return milestones == null ? null : Arrays.stream(milestones.split(",")).map(Integer::valueOf).toList();
	}

}
