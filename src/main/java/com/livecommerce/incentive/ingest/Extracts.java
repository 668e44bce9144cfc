package com.livecommerce.incentive.ingest;

import java.util.EnumMap;
import java.util.Map;

/** The {@link Extract} of each input file. */
public final class Extracts {

	private static final Map<InputFile, Extract<?>> BY_FILE = new EnumMap<>(InputFile.class);

	static {
		for (Extract<?> extract : new Extract<?>[] { new BrandsExtract(), new AccountsExtract(), new StoreRiskExtract(),
				new BroadcastsExtract(), new ViolationsExtract(), new BenchmarkEventsExtract(),
				new CouponUsageExtract() }) {
			BY_FILE.put(extract.file(), extract);
		}
	}

	private Extracts() {
	}

	public static Extract<?> of(InputFile file) {
		return BY_FILE.get(file);
	}

}
