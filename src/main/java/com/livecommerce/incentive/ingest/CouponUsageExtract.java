package com.livecommerce.incentive.ingest;


/** coupon_usage.csv (optional file): cumulative usage per grant; the latest value wins. */
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
	protected Object[] values(Usage u, boolean redelivered) {
		return new Object[] { u.grantId(), u.usedCoupons(), u.impressions(), u.views(),
				u.interactions() };
	}

	@Override
	public String applySql() {
		return """
				INSERT INTO coupon_usage (grant_id, used_coupons, impressions, views, interactions, as_of_date)
				SELECT grant_id, used_coupons, impressions, views, interactions, business_date
				FROM stg_coupon_usage WHERE business_date = ?
				ON DUPLICATE KEY UPDATE used_coupons = VALUES(used_coupons), impressions = VALUES(impressions),
				  views = VALUES(views), interactions = VALUES(interactions), as_of_date = VALUES(as_of_date)""";
	}

}
