package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.ingest.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
		Path marker = day.resolve(InputFile.SUCCESS_MARKER);
		if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.of("input for " + businessDate + " not ready: no " + InputFile.SUCCESS_MARKER + " in " + day
					+ " (upstream writes it last)");
		}
		Optional<String> notAFile = notAFile(marker);
		if (notAFile.isPresent()) {
			return Optional.of("input for " + businessDate + " not ready: " + InputFile.SUCCESS_MARKER + " in " + day + " "
					+ notAFile.get() + "; upstream writes an empty file last");
		}
		List<String> missing = new ArrayList<>();
		List<String> odd = new ArrayList<>();
		for (InputFile file : InputFile.values()) {
			Path path = day.resolve(file.fileName());
			if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
				if (file.required()) {
					missing.add(file.fileName());
				}
				continue;
			}
			notAFile(path).ifPresent(problem -> odd.add(file.fileName() + " " + problem));
		}
		if (!missing.isEmpty() || !odd.isEmpty()) {
			List<String> problems = new ArrayList<>();
			if (!missing.isEmpty()) {
				problems.add(day + " lacks " + String.join(", ", missing));
			}
			problems.addAll(odd);
			// _SUCCESS is there: upstream says it has finished, so this is not "not yet" but a delivery that is short
			return Optional.of("input for " + businessDate + " is incomplete: upstream wrote " + InputFile.SUCCESS_MARKER
					+ " but " + String.join("; ", problems) + ". Ask upstream to deliver the whole day (and "
					+ InputFile.SUCCESS_MARKER + " last), then run the same command again");
		}
		return Optional.empty();
	}

	/** Why {@code path} (which exists, perhaps as a link) is not a regular file to read, if it is not. */
	private static Optional<String> notAFile(Path path) {
		if (Files.isRegularFile(path)) {
			return Optional.empty();
		}
		if (Files.isSymbolicLink(path) && !Files.exists(path)) {
			String target;
			try {
				target = Files.readSymbolicLink(path).toString();
			}
			catch (IOException ex) {
				target = "?";
			}
			return Optional.of("is a link to " + target + ", which does not exist");
		}
		return Optional.of(Files.isDirectory(path) ? "is a directory, not a file" : "is not a regular file");
	}

}
