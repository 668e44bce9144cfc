package com.livecommerce.incentive.ingest;

import java.time.LocalDate;
import java.util.List;

/** brands.csv: a full snapshot, upserted. */
final class BrandsExtract extends Extract<BrandsExtract.Brand> {

	BrandsExtract() {
		super(InputFile.BRANDS, "stg_brand", Brand::brandId, "brand_id", "brand_name", "industry", "has_brand_badge", "library_entry_date");
	}

	record Brand(String brandId, String brandName, String industry, boolean hasBrandBadge,
			LocalDate libraryEntryDate) {
	}

	@Override
	public Brand parse(CsvRow row, IngestRules rules) {
		return new Brand(row.id("brand_id"), row.text("brand_name", 255), row.id("industry"),
				row.bool("has_brand_badge"), row.optionalDate("library_entry_date"));
	}

	@Override
	protected Object[] values(Brand b) {
		return new Object[] { b.brandId(), b.brandName(), b.industry(), b.hasBrandBadge(),
				b.libraryEntryDate() };
	}

	@Override
	public List<String> applyStatements() {
		return concat(historyStatements("stg_brand", "brand_history", "brand_id", "brand_name", "industry",
				"has_brand_badge", "library_entry_date"), """
				INSERT INTO brand (brand_id, brand_name, industry, has_brand_badge, library_entry_date, snapshot_date)
				SELECT s.brand_id, s.brand_name, s.industry, s.has_brand_badge, s.library_entry_date, s.business_date
				FROM stg_brand s WHERE s.business_date = ?
				ON DUPLICATE KEY UPDATE brand_name = s.brand_name, industry = s.industry, has_brand_badge = s.has_brand_badge,
				  library_entry_date = s.library_entry_date, snapshot_date = s.business_date""");
	}

}
