package com.livecommerce.incentive.common;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Money as people read it: fen (the integer every table stores) as yuan with the thousands grouped,
 * 1234567 → ¥12,345.67. Exact: BigDecimal, never floating point. The messages, explain and the
 * monthly report all write money this way.
 */
public final class Yuan {

	private Yuan() {
	}

	public static String of(long fen) {
		return of(BigDecimal.valueOf(fen));
	}

	/** A figure that is not whole fen (a mean) keeps its places: 1234.5 fen → ¥12.345. */
	public static String of(BigDecimal fen) {
		BigDecimal yuan = fen.movePointLeft(2);
		int places = Math.max(2, yuan.stripTrailingZeros().scale());
		DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
		format.setMinimumFractionDigits(places);
		format.setMaximumFractionDigits(places);
		format.setParseBigDecimal(true);
		return "¥" + format.format(yuan);
	}

}
