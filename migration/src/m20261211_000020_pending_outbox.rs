//! `idx_search_outbox_waiting`: the pending rows of the search outbox, by id, in an index of their own (`WHERE
//! processed_at IS NULL`, on SQLite and PostgreSQL alike). The relay's poll and claim ask for the first pending rows by
//! id. With only `(processed_at, id)` and the primary key to choose from, PostgreSQL walked the primary key whenever
//! its statistics still described the outbox as all pending (right after a bulk load, until the next analyze): 308 ms
//! per poll over a million processed rows. The partial index holds only what waits, so the poll costs the same at any
//! size and whatever the statistics say. `(processed_at, id)` stays for pruning processed rows.

use sea_orm_migration::prelude::*;

migration! {
    async fn up(manager) {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_search_outbox_waiting ON search_outbox (id) WHERE processed_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(manager) {
        manager.drop_index(Index::drop().name("idx_search_outbox_waiting").table("search_outbox").to_owned()).await
    }
}
