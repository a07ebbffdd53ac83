//! The whole domain: reference tables, organizations, content (class-table inheritance) and link tables.

use sea_orm_migration::{prelude::*, schema::*};

/// Tables in creation order; `down` drops them in reverse.
const TABLES: &[&str] = &[
    "objectives",
    "principles",
    "regions",
    "themes",
    "countries",
    "organizations",
    "regional_reviews",
    "review_submissions",
    "contents",
    "practices",
    "guidance_tools",
    "peer_exchanges",
    "practice_resources",
    "guidance_tool_links",
    "content_objectives",
    "content_principles",
    "content_themes",
    "content_regions",
    "content_countries",
    "content_organizations",
    "exchange_cohost_countries",
    "exchange_related",
];

fn fk(
    from: (&'static str, &'static str),
    to: (&'static str, &'static str),
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.from(from.0, from.1).to(to.0, to.1);
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key
}

fn index(table: &'static str, name: &str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(*column);
    }
    index
}

/// A link table from `contents` (or another content table) to a key, with an index for filtering by that key.
fn link(
    table: &'static str,
    left: (&'static str, &'static str, &'static str),
    right: (&'static str, ColumnDef, &'static str, &'static str),
) -> (TableCreateStatement, IndexCreateStatement) {
    let (left_col, left_table, left_key) = left;
    let (right_col, mut right_def, right_table, right_key) = right;
    let create = Table::create()
        .table(table)
        .col(big_integer(left_col))
        .col(&mut right_def)
        .primary_key(Index::create().col(left_col).col(right_col))
        .foreign_key(&mut fk((table, left_col), (left_table, left_key), true))
        .foreign_key(&mut fk((table, right_col), (right_table, right_key), true))
        .to_owned();
    let by_key = index(table, &format!("idx_{table}_{right_col}"), &[right_col, left_col]);
    (create, by_key)
}

migration! {
    async fn up(manager) {
        let mut tables: Vec<TableCreateStatement> = Vec::new();
        let mut indexes: Vec<IndexCreateStatement> = Vec::new();

        tables.push(
            Table::create()
                .table("objectives")
                .col(integer("number").primary_key())
                .col(text("title"))
                .col(string("short_label"))
                .to_owned(),
        );
        for table in ["principles", "themes"] {
            tables.push(
                Table::create()
                    .table(table)
                    .col(string("key").primary_key())
                    .col(string("name"))
                    .col(integer("position"))
                    .to_owned(),
            );
        }
        tables.push(
            Table::create()
                .table("regions")
                .col(string("key").primary_key())
                .col(string("name"))
                .col(string("commission"))
                .col(integer("position"))
                .to_owned(),
        );
        tables.push(
            Table::create()
                .table("countries")
                .col(string_len("iso3", 3).primary_key())
                .col(string("name"))
                .col(string_null("region_key"))
                .col(boolean("is_champion"))
                .col(date_null("champion_since"))
                .foreign_key(&mut fk(("countries", "region_key"), ("regions", "key"), false))
                .to_owned(),
        );
        indexes.push(index("countries", "idx_countries_region_key", &["region_key"]));
        indexes.push(index("countries", "idx_countries_is_champion", &["is_champion"]));

        tables.push(
            Table::create()
                .table("organizations")
                .col(big_pk_auto("id"))
                .col(string_uniq("slug"))
                .col(string("name"))
                .col(string_null("acronym"))
                .col(string_len("kind", 24))
                .col(string_len_null("country_iso3", 3))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("organizations", "country_iso3"), ("countries", "iso3"), false))
                .to_owned(),
        );
        indexes.push(index("organizations", "idx_organizations_name", &["name"]));
        indexes.push(index("organizations", "idx_organizations_kind", &["kind"]));

        tables.push(
            Table::create()
                .table("regional_reviews")
                .col(big_pk_auto("id"))
                .col(string_uniq("key"))
                .col(string("region_key"))
                .col(string("title"))
                .col(string("commission"))
                .col(string("first_review"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("regional_reviews", "region_key"), ("regions", "key"), false))
                .to_owned(),
        );
        tables.push(
            Table::create()
                .table("review_submissions")
                .col(big_pk_auto("id"))
                .col(big_integer("review_id"))
                .col(string_len_null("submitter_country_iso3", 3))
                .col(big_integer_null("submitter_organization_id"))
                .col(date("submitted_on"))
                .col(text("summary"))
                .col(text_null("document_url"))
                .col(string_len("language", 35))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk(("review_submissions", "review_id"), ("regional_reviews", "id"), true))
                .foreign_key(&mut fk(("review_submissions", "submitter_country_iso3"), ("countries", "iso3"), false))
                .foreign_key(&mut fk(
                    ("review_submissions", "submitter_organization_id"),
                    ("organizations", "id"),
                    false,
                ))
                .to_owned(),
        );
        indexes.push(index("review_submissions", "idx_review_submissions_review_id", &["review_id"]));

        tables.push(
            Table::create()
                .table("contents")
                .col(big_pk_auto("id"))
                .col(string_len("kind", 16))
                .col(string("slug"))
                .col(string_len("language", 35))
                .col(string("translation_key"))
                .col(string_len("status", 20))
                .col(text("title"))
                .col(text("summary"))
                .col(integer_null("year"))
                .col(string_null("owner_sub"))
                .col(text_null("review_note"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .to_owned(),
        );
        indexes.push(index("contents", "uq_contents_kind_slug", &["kind", "slug"]).unique().to_owned());
        for (name, cols) in [
            ("idx_contents_updated", &["kind", "status", "updated_at", "id"][..]),
            ("idx_contents_title", &["kind", "status", "title", "id"][..]),
            ("idx_contents_translation_key", &["translation_key"][..]),
            ("idx_contents_language", &["language"][..]),
            ("idx_contents_year", &["year"][..]),
            ("idx_contents_updated_at", &["updated_at"][..]),
            ("idx_contents_owner_sub", &["owner_sub"][..]),
        ] {
            indexes.push(index("contents", name, cols));
        }

        tables.push(
            Table::create()
                .table("practices")
                .col(big_integer("content_id").primary_key())
                .col(text("description"))
                .col(text_null("implementation"))
                .col(text_null("results"))
                .col(text_null("lessons_learned"))
                .col(text_null("enabling_factors"))
                .col(text_null("challenges"))
                .col(text_null("replicability"))
                .col(string_len("submitter_kind", 16))
                .col(string_len("geographic_level", 16))
                .col(date_null("start_date"))
                .col(date_null("end_date"))
                .col(string_len("completion", 20))
                .col(string_null("call_for_practices"))
                .foreign_key(&mut fk(("practices", "content_id"), ("contents", "id"), true))
                .to_owned(),
        );
        tables.push(
            Table::create()
                .table("guidance_tools")
                .col(big_integer("content_id").primary_key())
                .col(string_len("tool_kind", 16))
                .col(text_null("target_audience"))
                .col(string_null("geographic_scope"))
                .col(string_null("working_group"))
                .col(date_null("publication_date"))
                .col(big_integer_null("regional_review_id"))
                .foreign_key(&mut fk(("guidance_tools", "content_id"), ("contents", "id"), true))
                .foreign_key(&mut fk(("guidance_tools", "regional_review_id"), ("regional_reviews", "id"), false))
                .to_owned(),
        );
        tables.push(
            Table::create()
                .table("peer_exchanges")
                .col(big_integer("content_id").primary_key())
                .col(string_null("series"))
                .col(integer_null("number"))
                .col(string_len("format", 16))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone_null("ends_at"))
                .col(string_null("working_group"))
                .col(string_len("participation", 20))
                .col(boolean("chatham_house"))
                .col(text_null("outcomes"))
                .foreign_key(&mut fk(("peer_exchanges", "content_id"), ("contents", "id"), true))
                .to_owned(),
        );
        tables.push(
            Table::create()
                .table("practice_resources")
                .col(big_pk_auto("id"))
                .col(big_integer("practice_id"))
                .col(integer("position"))
                .col(text("title"))
                .col(text("url"))
                .col(string_len("kind", 16))
                .foreign_key(&mut fk(("practice_resources", "practice_id"), ("practices", "content_id"), true))
                .to_owned(),
        );
        indexes.push(index("practice_resources", "idx_practice_resources_practice_id", &["practice_id", "position"]));
        tables.push(
            Table::create()
                .table("guidance_tool_links")
                .col(big_integer("tool_id"))
                .col(string_len("language", 35))
                .col(text("url"))
                .primary_key(Index::create().col("tool_id").col("language"))
                .foreign_key(&mut fk(("guidance_tool_links", "tool_id"), ("guidance_tools", "content_id"), true))
                .to_owned(),
        );

        let content = ("content_id", "contents", "id");
        for (table, right) in [
            ("content_objectives", ("objective_number", integer("objective_number"), "objectives", "number")),
            ("content_principles", ("principle_key", string("principle_key"), "principles", "key")),
            ("content_themes", ("theme_key", string("theme_key"), "themes", "key")),
            ("content_regions", ("region_key", string("region_key"), "regions", "key")),
            ("content_countries", ("country_iso3", string_len("country_iso3", 3), "countries", "iso3")),
        ] {
            let (create, by_key) = link(table, content, right);
            tables.push(create);
            indexes.push(by_key);
        }
        tables.push(
            Table::create()
                .table("content_organizations")
                .col(big_integer("content_id"))
                .col(big_integer("organization_id"))
                .col(string_len("role", 16))
                .col(integer("position"))
                .primary_key(Index::create().col("content_id").col("organization_id").col("role"))
                .foreign_key(&mut fk(("content_organizations", "content_id"), ("contents", "id"), true))
                .foreign_key(&mut fk(("content_organizations", "organization_id"), ("organizations", "id"), false))
                .to_owned(),
        );
        indexes.push(index(
            "content_organizations",
            "idx_content_organizations_organization_id",
            &["organization_id", "content_id"],
        ));
        let exchange = ("exchange_id", "peer_exchanges", "content_id");
        for (table, right) in [
            ("exchange_cohost_countries", ("country_iso3", string_len("country_iso3", 3), "countries", "iso3")),
            ("exchange_related", ("content_id", big_integer("content_id"), "contents", "id")),
        ] {
            let (create, by_key) = link(table, exchange, right);
            tables.push(create);
            indexes.push(by_key);
        }

        for table in tables {
            manager.create_table(table).await?;
        }
        for index in indexes {
            manager.create_index(index).await?;
        }
        // Lists ordered by PUBLISHED_AT sort by this expression (drafts, seen by editors, by creation time). Plain
        // SQL: sea-query cannot build expression indexes for SQLite, and the statement is the same on both.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_contents_listed ON contents (kind, status, COALESCE(published_at, created_at), id)",
            )
            .await?;
        Ok(())
    }

    async fn down(manager) {
        for table in TABLES.iter().rev() {
            manager.drop_table(Table::drop().table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
