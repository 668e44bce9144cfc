package com.livecommerce.incentive.monthly;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Everything the month's report shows, read from the tables: totals and top brands straight from
 * monthly_summary (so the page never disagrees with the table), each pool's consumption by
 * business date from the grants and returned clawbacks, clawbacks by reason.
 */
record MonthlyReportData(YearMonth month, List<Total> totals, Map<String, List<Day>> curves,
		List<ClawbackReason> clawbacks, List<Brand> topBrands) {

	static final int TOP_BRANDS = 10;

	/** One program's month. */
	record Total(String program, long claims, long couponsGranted, long grantedValueFen, long couponsUsed,
			long couponsClawedBack, long couponsExpired, long couponsUnused) {
	}

	/** One business date of a pool: the cap that day, the cumulative net consumption, what was left. */
	record Day(LocalDate date, int cap, int net, int remaining) {
	}

	record ClawbackReason(String triggerCode, String clause, long clawbacks, long clawed, long unrecoverable) {
	}

	/** @param brandName the brand's name on the month's last day (brand_history), the id when none is known */
	record Brand(String brandId, String brandName, String industry, long couponsGranted, long grantedValueFen, long couponsUsed,
			long couponsClawedBack) {
	}

	static MonthlyReportData read(JdbcTemplate jdbc, YearMonth month) {
		String m = month.toString();
		LocalDate lastDay = month.atEndOfMonth();
		List<Total> totals = jdbc.query("""
				SELECT program, SUM(claims), SUM(coupons_granted), SUM(granted_value_fen), SUM(coupons_used),
				  SUM(coupons_clawed_back), SUM(coupons_expired), SUM(coupons_unused)
				FROM monthly_summary WHERE pool_month = ? GROUP BY program ORDER BY program""",
				(rs, i) -> new Total(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7), rs.getLong(8)),
				m);
		Map<String, List<Day>> curves = new TreeMap<>();
		jdbc.query("""
				SELECT s.program, s.business_date, s.monthly_cap, s.pool_remaining,
				  COALESCE((SELECT SUM(g.granted_coupons) FROM coupon_grant g
				            WHERE g.pool_month = ? AND g.program = s.program AND g.business_date <= s.business_date), 0)
				  - COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c WHERE c.pool_month = ?
				              AND c.program = s.program AND c.returned_to_pool AND c.business_date <= s.business_date), 0)
				FROM daily_summary s
				WHERE s.business_date BETWEEN ? AND ?
				ORDER BY s.program, s.business_date""", rs -> {
			curves.computeIfAbsent(rs.getString(1), p -> new ArrayList<>())
				.add(new Day(rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getInt(5), rs.getInt(4)));
		}, m, m, month.atDay(1), lastDay);
		List<ClawbackReason> clawbacks = jdbc.query("""
				SELECT trigger_code, clause, COUNT(*), SUM(clawed_coupons), SUM(unrecoverable_coupons) FROM coupon_clawback
				WHERE pool_month = ? AND business_date <= ? GROUP BY trigger_code, clause ORDER BY trigger_code, clause""",
				(rs, i) -> new ClawbackReason(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5)),
				m, lastDay);
		List<Brand> brands = jdbc.query("""
				SELECT m.brand_id,
				  COALESCE((SELECT h.brand_name FROM brand_history h WHERE h.brand_id = m.brand_id AND h.valid_from <= ?
				            ORDER BY h.valid_from DESC LIMIT 1), m.brand_id),
				  m.industry, SUM(m.coupons_granted) AS granted, SUM(m.granted_value_fen), SUM(m.coupons_used),
				  SUM(m.coupons_clawed_back)
				FROM monthly_summary m WHERE m.pool_month = ? GROUP BY m.brand_id, m.industry
				ORDER BY granted DESC, m.brand_id LIMIT ?""",
				(rs, i) -> new Brand(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
						rs.getLong(6), rs.getLong(7)),
				lastDay, m, TOP_BRANDS);
		return new MonthlyReportData(month, totals, curves, clawbacks, brands);
	}

}
