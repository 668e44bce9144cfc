package com.livecommerce.incentive.ingest;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

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

	@SuppressWarnings("unchecked")
	public static <T> Extract<T> of(InputFile file) {
		return (Extract<T>) BY_FILE.get(file);
	}

	/**
	 * The files whose rows were checked against {@code file}'s rows, directly or through another
	 * file (accounts.csv against brands.csv, sessions against accounts.csv): when {@code file} is
	 * staged again, they must be too. Files nothing refers to can be staged independently, and
	 * in parallel.
	 */
	public static Set<InputFile> dependentsOf(InputFile file) {
		Set<InputFile> dependents = EnumSet.noneOf(InputFile.class);
		boolean grew = true;
		while (grew) {
			grew = false;
			for (InputFile candidate : InputFile.values()) {
				if (!dependents.contains(candidate) && of(candidate).references()
					.stream()
					.anyMatch(r -> r.target() == file || dependents.contains(r.target()))) {
					grew = dependents.add(candidate);
				}
			}
		}
		return dependents;
	}

}
