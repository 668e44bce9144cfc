package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.ingest.InputFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether upstream has finished writing the day's inbox: {@code _SUCCESS} (written last) and
 * every required file present. Checked before the job starts or the database is touched.
 */
public final class InboxReadiness {

	private InboxReadiness() {
	}

	/** The reason the inbox is not ready, or empty when it is. */
	public static Optional<String> check(Path inbox, LocalDate businessDate) {
		Path day = com.livecommerce.incentive.common.RunPaths.under(inbox, businessDate);
		if (!Files.isDirectory(day)) {
			return Optional.of("input for " + businessDate + " not ready: " + day + " does not exist");
		}
		if (!Files.exists(day.resolve(InputFile.SUCCESS_MARKER))) {
			return Optional.of("input for " + businessDate + " not ready: no " + InputFile.SUCCESS_MARKER + " in " + day
					+ " (upstream writes it last)");
		}
		List<String> missing = new ArrayList<>();
		for (InputFile file : InputFile.values()) {
			if (file.required() && !Files.isRegularFile(day.resolve(file.fileName()))) {
				missing.add(file.fileName());
			}
		}
		if (!missing.isEmpty()) {
			return Optional.of("input for " + businessDate + " not ready: " + day + " lacks " + String.join(", ", missing));
		}
		return Optional.empty();
	}

}
