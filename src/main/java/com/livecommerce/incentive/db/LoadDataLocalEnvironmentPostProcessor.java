package com.livecommerce.incentive.db;

import com.livecommerce.incentive.common.LoadDataLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With {@code incentive.database.load-data-local} on (the default), the connections are opened
 * with Connector/J's {@code allowLoadLocalInfileInPath} naming a private spool directory (owner
 * only), so that bulk writes can go through {@code LOAD DATA LOCAL INFILE} ({@link LoadDataLocal})
 * where the server allows it. The directory is {@code incentive.database.load-data-dir} when set,
 * else a fresh one per process under the system's temporary directory; it holds one file per
 * load in progress, each deleted after its load. docs/reliability.md has the security reasoning.
 */
public class LoadDataLocalEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DRIVER_PROPERTY = "spring.datasource.hikari.data-source-properties."
			+ LoadDataLocal.PATH_PROPERTY;

	/** One spool directory per process, however many application contexts it starts. */
	private static Path processSpool;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("incentive.database.load-data-local", Boolean.class, true)
				|| StringUtils.hasText(environment.getProperty(DRIVER_PROPERTY))) {
			return;
		}
		String configured = environment.getProperty("incentive.database.load-data-dir");
		Path spool = StringUtils.hasText(configured) ? privateDirectory(Path.of(configured)) : processSpool();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("loadDataLocal", Map.of(DRIVER_PROPERTY, spool.toString())));
	}

	private static synchronized Path processSpool() {
		if (processSpool == null) {
			try {
				processSpool = Files.createTempDirectory("incentive-load-",
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
					.toRealPath();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot create the spool directory for LOAD DATA LOCAL", ex);
			}
			processSpool.toFile().deleteOnExit();
		}
		return processSpool;
	}

	/**
	 * A configured directory, made the owner's alone. The server may ask for any file in it, so it
	 * must hold nothing but the loads' own files (left there by a process that was killed): a
	 * directory with anything else in it is refused, never opened to the server.
	 */
	static Path privateDirectory(Path dir) {
		Path real;
		try {
			real = Files.createDirectories(dir).toRealPath();
			try (Stream<Path> files = Files.list(real)) {
				Optional<Path> other = files.filter(f -> !LOAD_FILE.matcher(f.getFileName().toString()).matches()
						|| !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).findFirst();
				if (other.isPresent()) {
					throw new IllegalStateException("incentive.database.load-data-dir " + real
							+ " holds " + other.get().getFileName() + ": the server could read it; name an empty directory of its own");
				}
			}
			Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare incentive.database.load-data-dir " + dir, ex);
		}
		return real;
	}

	/** The name {@link LoadDataLocal} gives its files. */
	private static final Pattern LOAD_FILE = Pattern.compile("load-[0-9]+\\.tsv");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
