package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A job whose connections cannot take LOAD DATA LOCAL says so once, at its start, in one WARN line
 * naming the cause, the cost and the safe remedy (issue 38): a URL with allowLoadLocalInfile=true, a
 * server with local_infile OFF, a spool directory that cannot be used. Where loads work nothing is
 * warned of; where the configuration turned them off it is one INFO line.
 */
class BulkWritePathTest {

	@TempDir
	Path temp;

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(BulkWritePath.class);

	@BeforeEach
	void listen() {
		BulkWritePath.forget();
		this.lines.start();
		this.logger.addAppender(this.lines);
		this.logger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void stopListening() {
		this.logger.detachAppender(this.lines);
		this.logger.setLevel(null);
		BulkWritePath.forget();
	}

	private List<ILoggingEvent> announced(TestDatabase db, Map<String, String> connection) {
		Properties properties = new Properties();
		properties.putAll(connection);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), "root", "");
		dataSource.setConnectionProperties(properties);
		BulkWritePath path = new BulkWritePath(dataSource);
		path.announce();
		path.announce(); // once per process
		List<ILoggingEvent> said = List.copyOf(this.lines.list);
		this.lines.list.clear();
		BulkWritePath.forget();
		return said;
	}

	private static List<ILoggingEvent> at(List<ILoggingEvent> lines, Level level) {
		return lines.stream().filter(l -> l.getLevel() == level).toList();
	}

	/** Runs {@code body} with the server's local_infile as asked, putting the server's value back after. */
	private static void withLocalInfile(TestDatabase db, boolean on, Runnable body) {
		int was = db.jdbc().queryForObject("SELECT @@GLOBAL.local_infile", Integer.class);
		db.jdbc().execute("SET GLOBAL local_infile = " + (on ? 1 : 0));
		try {
			body.run();
		}
		finally {
			db.jdbc().execute("SET GLOBAL local_infile = " + was);
		}
	}

	@Test
	void eachCauseIsOneWarnLineWithItsCostAndRemedy() throws Exception {
		Path spool = Files.createDirectory(this.temp.resolve("spool")).toRealPath();
		try (TestDatabase db = TestDatabase.create()) {
			withLocalInfile(db, true, () -> {
				List<ILoggingEvent> fast = announced(db, Map.of(LoadDataLocal.PATH_PROPERTY, spool.toString()));
				assertThat(at(fast, Level.WARN)).as("loads work: nothing to warn of").isEmpty();
				assertThat(fast).hasSize(1);
				assertThat(fast.get(0).getFormattedMessage()).contains("LOAD DATA LOCAL from " + spool);

				List<ILoggingEvent> open = announced(db,
						Map.of(LoadDataLocal.PATH_PROPERTY, spool.toString(), "allowLoadLocalInfile", "true"));
				assertThat(open).hasSize(1);
				assertThat(at(open, Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.satisfies(line -> assertThat(line).contains("LOAD DATA LOCAL is off")
						.contains("allowLoadLocalInfile=true")
						.contains(BulkWritePath.COST)
						.contains("remove allowLoadLocalInfile from the URL")
						.contains("docs/mysql.md"));

				Path spaced = this.temp.resolve("with space");
				List<ILoggingEvent> unusable = announced(db, Map.of(LoadDataLocal.PATH_PROPERTY, spaced.toString()));
				assertThat(at(unusable, Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.satisfies(line -> assertThat(line).contains("the spool directory " + spaced)
						.contains("incentive.database.load-data-dir"));

				List<ILoggingEvent> missing = announced(db, Map.of(LoadDataLocal.PATH_PROPERTY, spool.resolve("gone").toString()));
				assertThat(at(missing, Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.satisfies(line -> assertThat(line).contains("is not a directory this process can write"));

				List<ILoggingEvent> chosen = announced(db, Map.of());
				assertThat(at(chosen, Level.WARN)).as("turned off by the configuration: not a warning").isEmpty();
				assertThat(at(chosen, Level.INFO)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.satisfies(line -> assertThat(line).contains("incentive.database.load-data-local is false"));
			});
			withLocalInfile(db, false, () -> {
				List<ILoggingEvent> serverOff = announced(db, Map.of(LoadDataLocal.PATH_PROPERTY, spool.toString()));
				assertThat(serverOff).hasSize(1);
				assertThat(at(serverOff, Level.WARN)).singleElement()
					.extracting(ILoggingEvent::getFormattedMessage)
					.satisfies(line -> assertThat(line).contains("the server has local_infile OFF")
						.contains("SET PERSIST local_infile = ON")
						.contains("only files of their own spool directory"));
			});
		}
	}

	@Test
	void aNightOnAnUnrestrictedUrlSaysSoOnceAtItsStart() throws Exception {
		Path log = this.temp.resolve("night.log");
		try (TestDatabase db = TestDatabase.create()) {
			String url = db.url() + (db.url().contains("?") ? "&" : "?") + "allowLoadLocalInfile=true";
			Process night = ChildProcess.startProduct(db, log, Map.of("SPRING_DATASOURCE_URL", url), "nightly", "--date",
					"2023-11-29", "--inbox", Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("out").toString(), "--policy",
					Cli.EXAMPLE_POLICY);
			assertThat(night.waitFor(180, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(log);
			assertThat(night.exitValue()).as(output).isZero();
			List<String> warned = output.lines().filter(line -> line.contains("LOAD DATA LOCAL is off")).toList();
			assertThat(warned).as(output).singleElement()
				.satisfies(line -> assertThat(line).contains("WARN").contains("allowLoadLocalInfile=true"));
			int warning = output.indexOf("LOAD DATA LOCAL is off");
			assertThat(output.indexOf("brands.csv")).as("said before the night's first step").isGreaterThan(warning);
		}
	}

}
