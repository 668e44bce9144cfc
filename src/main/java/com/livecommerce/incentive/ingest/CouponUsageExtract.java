package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.SqlLists;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** coupon_usage.csv (optional file): cumulative usage per grant; the latest value wins (SPEC §2.7). */
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

	/**
	 * A usage row must name a grant, and cannot use more coupons than the grant has that were
	 * neither clawed back nor expired (usage reported late for recalled coupons would otherwise
	 * make a balance negative).
	 */
	@Override
	public Map<String, String> rejections(JdbcTemplate jdbc, IngestRules rules, Map<String, Usage> rows) {
		Map<String, Integer> usable = new HashMap<>();
		jdbc.query("SELECT grant_id, granted_coupons - clawed_back_coupons - expired_coupons FROM grant_balance"
				+ " WHERE grant_id IN (" + SqlLists.placeholders(rows.size()) + ")",
				rs -> {
					usable.put(rs.getString(1), rs.getInt(2));
				}, rows.keySet().toArray());
		Map<String, String> rejected = new LinkedHashMap<>();
		rows.forEach((grantId, usage) -> {
			Integer left = usable.get(grantId);
			if (left == null) {
				rejected.put(grantId, "grant_id '" + grantId + "' is unknown: no such grant");
			}
			else if (usage.usedCoupons() > left) {
				rejected.put(grantId, "used_coupons " + usage.usedCoupons() + " is more than the " + left
						+ " coupons of the grant that were granted and neither clawed back nor expired");
			}
		});
		return rejected;
	}

	@Override
	public List<String> applyStatements() {
		return List.of("""
				INSERT INTO coupon_usage (grant_id, used_coupons, impressions, views, interactions, as_of_date)
				SELECT grant_id, used_coupons, impressions, views, interactions, business_date
				FROM stg_coupon_usage WHERE business_date = ?
				ON DUPLICATE KEY UPDATE used_coupons = VALUES(used_coupons), impressions = VALUES(impressions),
				  views = VALUES(views), interactions = VALUES(interactions), as_of_date = VALUES(as_of_date)""",
				"""
				INSERT INTO coupon_usage_history (grant_id, as_of_date, used_coupons, impressions, views, interactions)
				SELECT grant_id, business_date, used_coupons, impressions, views, interactions
				FROM stg_coupon_usage WHERE business_date = ?
				ON DUPLICATE KEY UPDATE used_coupons = VALUES(used_coupons), impressions = VALUES(impressions),
				  views = VALUES(views), interactions = VALUES(interactions)""");
	}

}
