package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.SqlLists;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/** coupon_usage.csv (optional file): cumulative usage per grant (SPEC §2.7). */
final class CouponUsageExtract extends Extract<CouponUsageExtract.Usage> {

	CouponUsageExtract() {
		super(InputFile.COUPON_USAGE, "stg_coupon_usage", Usage::grantId, "grant_id", "used_coupons", "impressions", "views", "interactions");
	}

	record Usage(String grantId, int usedCoupons, long impressions, long views, long interactions) {
	}

	@Override
	public Usage parse(CsvRow row, IngestRules rules) {
		return new Usage(row.id("grant_id", 80), row.count("used_coupons"), row.amount("impressions"), row.amount("views"),
				row.amount("interactions"));
	}

	@Override
	protected Object[] values(Usage u) {
		return new Object[] { u.grantId(), u.usedCoupons(), u.impressions(), u.views(),
				u.interactions() };
	}

	/** A usage row must name a grant of this system (SPEC §3). */
	@Override
	public Map<String, String> rejections(JdbcTemplate jdbc, IngestRules rules, Map<String, Usage> rows) {
		Set<String> known = new HashSet<>(jdbc.queryForList("SELECT STRAIGHT_JOIN g.grant_id FROM " + SqlLists.KEYS
				+ " JOIN coupon_grant g ON g.grant_id = keys_.k", String.class, SqlLists.keys(rows.keySet())));
		Map<String, String> rejected = new LinkedHashMap<>();
		rows.keySet().stream().filter(id -> !known.contains(id))
			.forEach(id -> rejected.put(id, "grant_id '" + id + "' is unknown: no such grant"));
		return rejected;
	}

	/**
	 * Usage counts as delivered, within two limits (SPEC §2.7): no more than the grant has that was
	 * neither clawed back nor expired (usage reported late, after a clawback or expiry, is capped
	 * and its excess recorded for finance), and never less than counted before (cumulative usage
	 * does not go down; the decrease is recorded). First the adjustments, measured against the
	 * usage counted so far, then the usage itself and its history.
	 */
	@Override
	public List<String> applyStatements() {
		return List.of(USABLE, """
				INSERT INTO coupon_usage_adjustment (grant_id, business_date, kind, reported_used_coupons,
				  counted_used_coupons, usable_coupons, excess_coupons)
				SELECT s.grant_id, s.business_date,
				  CASE WHEN s.used_coupons > x.usable_coupons THEN 'CAPPED' ELSE 'DECREASE' END, s.used_coupons,
				  GREATEST(COALESCE(u.used_coupons, 0), LEAST(s.used_coupons, x.usable_coupons)), x.usable_coupons,
				  GREATEST(0, s.used_coupons - GREATEST(COALESCE(u.used_coupons, 0), LEAST(s.used_coupons, x.usable_coupons)))
				FROM stg_coupon_usage s
				JOIN stg_coupon_usage_usable x ON x.business_date = s.business_date AND x.grant_id = s.grant_id
				LEFT JOIN coupon_usage u ON u.grant_id = s.grant_id
				WHERE s.business_date = ? AND (s.used_coupons > x.usable_coupons OR s.used_coupons < u.used_coupons)""",
				"""
				INSERT INTO coupon_usage (grant_id, used_coupons, reported_used_coupons, impressions, views, interactions,
				  as_of_date)
				SELECT s.grant_id, LEAST(s.used_coupons, x.usable_coupons), s.used_coupons, s.impressions, s.views,
				  s.interactions, s.business_date
				FROM stg_coupon_usage s
				JOIN stg_coupon_usage_usable x ON x.business_date = s.business_date AND x.grant_id = s.grant_id
				WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE
				  used_coupons = GREATEST(coupon_usage.used_coupons, LEAST(s.used_coupons, x.usable_coupons)),
				  reported_used_coupons = s.used_coupons, impressions = s.impressions, views = s.views,
				  interactions = s.interactions, as_of_date = s.business_date""",
				"""
				INSERT INTO coupon_usage_history (grant_id, as_of_date, used_coupons, reported_used_coupons, impressions,
				  views, interactions)
				SELECT s.grant_id, s.business_date, u.used_coupons, s.used_coupons, s.impressions, s.views, s.interactions
				FROM stg_coupon_usage s JOIN coupon_usage u ON u.grant_id = s.grant_id
				WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE used_coupons = u.used_coupons, reported_used_coupons = s.used_coupons,
				  impressions = s.impressions, views = s.views, interactions = s.interactions""",
				"DELETE FROM stg_coupon_usage_usable WHERE business_date = ?");
	}

	/**
	 * What each delivered grant has that was neither clawed back nor expired, before the day's usage.
	 * The clawbacks are read by their grant's index, named: MySQL 8 planned this statement on a young
	 * database from statistics taken while coupon_clawback was empty and read the whole table for
	 * every usage row (2.8 million rows for 20,000 usage rows, the table holding a few hundred;
	 * quadratic as both grow: docs/performance.md, "2026-12-06: MySQL 8 as shipped").
	 */
	private static final String USABLE = """
			INSERT INTO stg_coupon_usage_usable (business_date, grant_id, usable_coupons)
			SELECT s.business_date, s.grant_id, g.granted_coupons
			  - COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c FORCE INDEX (clawback_grant)
			      WHERE c.grant_id = s.grant_id), 0)
			  - COALESCE((SELECT e.expired_coupons FROM coupon_expiry e WHERE e.grant_id = s.grant_id), 0)
			FROM stg_coupon_usage s JOIN coupon_grant g ON g.grant_id = s.grant_id
			WHERE s.business_date = ?""";

}
