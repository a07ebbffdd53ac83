//! Editing by editors and admins: a `version` on every record they change, so their updates carry the version they
//! edit and a stale one is a conflict (content rows have had one since the first migration); and audit events that
//! name a record by key (themes, principles, regions, countries) rather than by numeric id.

use sea_orm_migration::{prelude::*, schema::*};

const TABLES: [&str; 7] =
    ["organizations", "themes", "regional_reviews", "review_submissions", "objectives", "principles", "regions"];

migration! {
    async fn up(manager) {
        for table in TABLES {
            manager
                .alter_table(Table::alter().table(table).add_column(integer("version").default(1)).to_owned())
                .await?;
        }
        manager
            .alter_table(Table::alter().table("audit_events").add_column(string_null("subject_key")).to_owned())
            .await?;
        Ok(())
    }

    async fn down(manager) {
        manager.alter_table(Table::alter().table("audit_events").drop_column("subject_key").to_owned()).await?;
        for table in TABLES {
            manager.alter_table(Table::alter().table(table).drop_column("version").to_owned()).await?;
        }
        Ok(())
    }
}
