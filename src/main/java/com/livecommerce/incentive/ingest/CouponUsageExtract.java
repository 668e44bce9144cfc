package com.livecommerce.incentive.ingest;

import java.time.LocalDate;

/** coupon_usage.csv (optional file): cumulative usage per grant; the latest value wins. */
final class CouponUsageExtract implements Extract<CouponUsageExtract.Usage> {

	record Usage(String grantId, int usedCoupons, long impressions, long views, long interactions) {
	}

	@Override
	public InputFile file() {
		return InputFile.COUPON_USAGE;
	}

	@Override
	public Usage parse(CsvRow row, IngestRules rules) {
		return new Usage(row.id("grant_id"), row.count("used_coupons"), row.amount("impressions"), row.amount("views"),
				row.amount("interactions"));
	}

	@Override
	public String key(Usage row) {
		return row.grantId();
	}

	@Override
	public String stagingTable() {
		return "stg_coupon_usage";
	}

	@Override
	public String keyColumn() {
		return "grant_id";
	}

	@Override
	public String insertSql() {
		return "INSERT INTO stg_coupon_usage (business_date, line_number, grant_id, used_coupons, impressions, views,"
				+ " interactions) VALUES (?, ?, ?, ?, ?, ?, ?)";
	}

	@Override
	public Object[] insertParams(LocalDate businessDate, long lineNumber, Usage u, boolean redelivered) {
		return new Object[] { businessDate, lineNumber, u.grantId(), u.usedCoupons(), u.impressions(), u.views(),
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
