package com.livecommerce.incentive.allocation;

import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/** Writes the claims of a chunk of accounts in one batch. */
class ClaimWriter implements ItemWriter<List<Claim>> {

	private final JdbcTemplate jdbc;

	ClaimWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void write(Chunk<? extends List<Claim>> chunk) {
		ClaimStore.insert(this.jdbc, chunk.getItems().stream().flatMap(List::stream).toList());
	}

}
