package com.livecommerce.incentive.ingest;

import java.time.LocalDate;

/** brands.csv: a full snapshot, upserted. */
final class BrandsExtract implements Extract<BrandsExtract.Brand> {

	record Brand(String brandId, String brandName, String industry, boolean hasBrandBadge,
			LocalDate libraryEntryDate) {
	}

	@Override
	public InputFile file() {
		return InputFile.BRANDS;
	}

	@Override
	public Brand parse(CsvRow row, IngestRules rules) {
		return new Brand(row.id("brand_id"), row.text("brand_name", 255), row.id("industry"),
				row.bool("has_brand_badge"), row.optionalDate("library_entry_date"));
	}

	@Override
	public String key(Brand row) {
		return row.brandId();
	}

	@Override
	public String stagingTable() {
		return "stg_brand";
	}

	@Override
	public String keyColumn() {
		return "brand_id";
	}

	@Override
	public String insertSql() {
		return "INSERT INTO stg_brand (business_date, line_number, brand_id, brand_name, industry, has_brand_badge,"
				+ " library_entry_date) VALUES (?, ?, ?, ?, ?, ?, ?)";
	}

	@Override
	public Object[] insertParams(LocalDate businessDate, long lineNumber, Brand b, boolean redelivered) {
		return new Object[] { businessDate, lineNumber, b.brandId(), b.brandName(), b.industry(), b.hasBrandBadge(),
				b.libraryEntryDate() };
	}

	@Override
	public String applySql() {
		return """
				INSERT INTO brand (brand_id, brand_name, industry, has_brand_badge, library_entry_date, snapshot_date)
				SELECT brand_id, brand_name, industry, has_brand_badge, library_entry_date, business_date
				FROM stg_brand WHERE business_date = ?
				ON DUPLICATE KEY UPDATE brand_name = VALUES(brand_name), industry = VALUES(industry),
				  has_brand_badge = VALUES(has_brand_badge), library_entry_date = VALUES(library_entry_date),
				  snapshot_date = VALUES(snapshot_date)""";
	}

}
