//! Lists read by editors (every status) and contributors (published records and their own) cannot walk
//! `idx_contents_listed`, whose second column is the status: PostgreSQL sorted every row of the kind to find a
//! page (about 20 ms on 20,000 practices for a contributor's page of 5). This index orders a kind's rows by the
//! list's key whatever their status, so such a page is read in order and the visibility rule filters as it goes.

use sea_orm_migration::prelude::*;

migration! {
    async fn up(manager) {
        // Plain SQL, as for `idx_contents_listed`: sea-query cannot build expression indexes for SQLite.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_contents_listed_any_status ON contents (kind, COALESCE(published_at, created_at), id)",
            )
            .await?;
        Ok(())
    }

    async fn down(manager) {
        manager.drop_index(Index::drop().name("idx_contents_listed_any_status").table("contents").to_owned()).await
    }
}
