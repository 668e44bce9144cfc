package com.livecommerce.incentive.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one place that turns --inbox / --out and a business date or month into paths. Roots are
 * canonical (absolute, normalised, symbolic links resolved where they exist), and a date's
 * directory is checked to be a direct child of its root: whatever a date or month looks like,
 * it can never name a path outside the directory the operator gave.
 */
public final class RunPaths {

	private static final Pattern DATE_OR_MONTH = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");

	private RunPaths() {
	}

	/** {@code dir} made absolute and normalised, with links resolved when it exists. */
	public static Path canonical(Path dir) {
		Path absolute = dir.toAbsolutePath().normalize();
		try {
			return Files.exists(absolute) ? absolute.toRealPath() : absolute;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot resolve " + absolute + ": " + ex.getMessage(), ex);
		}
	}

	/** {@code <root>/<yyyy-MM-dd>} or {@code <root>/<yyyy-MM>}: a direct child of root, always. */
	public static Path under(Path root, Object dateOrMonth) {
		String name = dateOrMonth.toString();
		if (!DATE_OR_MONTH.matcher(name).matches()) {
			throw new IllegalArgumentException("not a business date or month usable as a directory name: " + name);
		}
		Path base = root.toAbsolutePath().normalize();
		Path child = base.resolve(name).normalize();
		if (!base.equals(child.getParent())) {
			throw new IllegalArgumentException(name + " would leave " + base);
		}
		return child;
	}

}
