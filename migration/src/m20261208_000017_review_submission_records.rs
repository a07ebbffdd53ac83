//! Review submissions become content records of kind `SUBMISSION`: a `contents` row (title, summary, language,
//! tags, status, slug, version) plus their own row in `review_submissions` (review, submitter, date, document), and
//! `objective_reports` (what a submission says about each objective: `PROGRESS`, `CHALLENGE` or `PRIORITY`).
//!
//! Existing submissions move over as published records. Each gets the title "{submitter}: input to the {commission}
//! regional review ({year})", and the slug every submission gets: its submitter, its review's commission and its
//! year (`portugal-unece-2020`). Its submitter country and its review's region become its
//! country and region tags. Its audit trail follows it to the new id, and the search outbox picks it up so that both
//! engines index it and the change feed announces it. Their global ids change (the row id is now the content id).
//! `down` moves them back, keeping the content id as the row id.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use sea_orm_migration::{prelude::*, schema::*};
use std::collections::HashSet;

const OLD: &str = "review_submissions_before_records";

migration! {
    async fn up(manager) {
        let db = manager.get_connection();
        manager
            .drop_index(Index::drop().name("idx_review_submissions_review_id").table("review_submissions").to_owned())
            .await?;
        manager.rename_table(Table::rename().table("review_submissions", OLD).to_owned()).await?;
        create_tables(manager).await?;
        let backend = db.get_database_backend();
        let old = db
            .query_all_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT s.id, s.review_id, s.submitter_country_iso3, s.submitter_organization_id, s.submitted_on, \
                     s.summary, s.document_url, s.language, s.created_at, s.updated_at, s.version, r.commission, \
                     r.region_key, c.name AS country_name, COALESCE(o.acronym, o.name) AS organization_name \
                     FROM {OLD} s JOIN regional_reviews r ON r.id = s.review_id \
                     LEFT JOIN countries c ON c.iso3 = s.submitter_country_iso3 \
                     LEFT JOIN organizations o ON o.id = s.submitter_organization_id ORDER BY s.id"
                ),
            ))
            .await?;
        let mut slugs = HashSet::new();
        for row in old {
            move_up(db, &row, &mut slugs).await?;
        }
        // The audit trail was moved to negated new ids (so that no new id is taken for an old one); now flip them.
        run(db, "UPDATE audit_events SET subject_id = -subject_id WHERE subject_type = 'ReviewSubmission' AND subject_id < 0", vec![])
            .await?;
        manager.drop_table(Table::drop().table(OLD).to_owned()).await
    }

    async fn down(manager) {
        let db = manager.get_connection();
        manager.drop_table(Table::drop().table("objective_reports").to_owned()).await?;
        manager.rename_table(Table::rename().table("review_submissions", OLD).to_owned()).await?;
        manager
            .create_table(
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
                    .col(integer("version").default(1))
                    .foreign_key(ForeignKey::create().from("review_submissions", "review_id").to("regional_reviews", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("review_submissions", "submitter_country_iso3").to("countries", "iso3"))
                    .foreign_key(ForeignKey::create().from("review_submissions", "submitter_organization_id").to("organizations", "id"))
                    .to_owned(),
            )
            .await?;
        run(
            db,
            &format!(
                "INSERT INTO review_submissions (id, review_id, submitter_country_iso3, submitter_organization_id, \
                 submitted_on, summary, document_url, language, created_at, updated_at, version) \
                 SELECT c.id, s.review_id, s.submitter_country_iso3, s.submitter_organization_id, s.submitted_on, \
                 c.summary, s.document_url, c.language, c.created_at, c.updated_at, c.version \
                 FROM {OLD} s JOIN contents c ON c.id = s.content_id"
            ),
            vec![],
        )
        .await?;
        manager.drop_table(Table::drop().table(OLD).to_owned()).await?;
        run(db, "DELETE FROM contents WHERE kind = 'SUBMISSION'", vec![]).await?;
        crate::create_indexes(manager, "review_submissions", &[("idx_review_submissions_review_id", &["review_id"][..])])
            .await
    }
}

async fn create_tables(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table("review_submissions")
                .col(big_integer("content_id").primary_key())
                .col(big_integer("review_id"))
                .col(string_len_null("submitter_country_iso3", 3))
                .col(big_integer_null("submitter_organization_id"))
                .col(date("submitted_on"))
                .col(text_null("document_url"))
                .foreign_key(
                    ForeignKey::create()
                        .from("review_submissions", "content_id")
                        .to("contents", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(ForeignKey::create().from("review_submissions", "review_id").to("regional_reviews", "id"))
                .foreign_key(
                    ForeignKey::create().from("review_submissions", "submitter_country_iso3").to("countries", "iso3"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("review_submissions", "submitter_organization_id")
                        .to("organizations", "id"),
                )
                .to_owned(),
        )
        .await?;
    manager
        .create_table(
            Table::create()
                .table("objective_reports")
                .col(big_integer("content_id"))
                .col(integer("objective_number"))
                .col(string_len("stance", 16))
                .col(text_null("excerpt"))
                .primary_key(Index::create().col("content_id").col("objective_number").col("stance"))
                .foreign_key(
                    ForeignKey::create()
                        .from("objective_reports", "content_id")
                        .to("contents", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create().from("objective_reports", "objective_number").to("objectives", "number"),
                )
                .to_owned(),
        )
        .await?;
    crate::create_indexes(
        manager,
        "review_submissions",
        &[
            ("idx_review_submissions_review_id", &["review_id"][..]),
            ("idx_review_submissions_country", &["submitter_country_iso3"][..]),
        ],
    )
    .await?;
    crate::create_indexes(
        manager,
        "objective_reports",
        &[("idx_objective_reports_objective", &["objective_number", "stance"][..])],
    )
    .await
}

/// Moves one old submission to a `contents` row and its own row.
async fn move_up<C: ConnectionTrait>(db: &C, row: &QueryResult, slugs: &mut HashSet<String>) -> Result<(), DbErr> {
    let old_id: i64 = row.try_get("", "id")?;
    let submitted_on: chrono::NaiveDate = row.try_get("", "submitted_on")?;
    let country: Option<String> = row.try_get("", "submitter_country_iso3")?;
    let organization: Option<i64> = row.try_get("", "submitter_organization_id")?;
    let who: Option<String> =
        row.try_get::<Option<String>>("", "country_name")?.or(row.try_get("", "organization_name")?);
    let commission: String = row.try_get("", "commission")?;
    let region: String = row.try_get("", "region_key")?;
    let year = chrono::Datelike::year(&submitted_on);
    let who = who.unwrap_or_else(|| "stakeholder".into());
    let title = format!("{who}: input to the {commission} regional review ({year})");
    let base = slug::slugify(format!("{who} {commission} {year}"));
    let mut slug = base.clone();
    let mut n = 2;
    while !slugs.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let created_at: chrono::DateTime<chrono::Utc> = row.try_get("", "created_at")?;
    let updated_at: chrono::DateTime<chrono::Utc> = row.try_get("", "updated_at")?;
    let values: Vec<Value> = vec![
        slug.clone().into(),
        row.try_get::<String>("", "language")?.into(),
        format!("submission:{slug}").into(),
        title.into(),
        row.try_get::<String>("", "summary")?.into(),
        year.into(),
        created_at.into(),
        created_at.into(),
        updated_at.into(),
        row.try_get::<i32>("", "version")?.into(),
    ];
    let insert = "INSERT INTO contents (kind, slug, language, translation_key, status, title, summary, year, \
                  published_at, created_at, updated_at, version) \
                  VALUES ('SUBMISSION', ?, ?, ?, 'PUBLISHED', ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    let backend = db.get_database_backend();
    let inserted = db
        .query_one_raw(Statement::from_sql_and_values(backend, placeholders(backend, insert), values))
        .await?
        .ok_or_else(|| DbErr::Custom("no id returned".into()))?;
    let id: i64 = inserted.try_get("", "id")?;
    let detail = "INSERT INTO review_submissions (content_id, review_id, submitter_country_iso3, \
                  submitter_organization_id, submitted_on, document_url) VALUES (?, ?, ?, ?, ?, ?)";
    let review: i64 = row.try_get("", "review_id")?;
    let document: Option<String> = row.try_get("", "document_url")?;
    run(
        db,
        detail,
        vec![
            id.into(),
            review.into(),
            country.clone().into(),
            organization.into(),
            submitted_on.into(),
            document.into(),
        ],
    )
    .await?;
    run(db, "INSERT INTO content_regions (content_id, region_key) VALUES (?, ?)", vec![id.into(), region.into()])
        .await?;
    if let Some(country) = country {
        run(
            db,
            "INSERT INTO content_countries (content_id, country_iso3) VALUES (?, ?)",
            vec![id.into(), country.into()],
        )
        .await?;
    }
    let audit = "UPDATE audit_events SET subject_id = ? WHERE subject_type = 'ReviewSubmission' AND subject_id = ?";
    run(db, audit, vec![(-id).into(), old_id.into()]).await?;
    run(
        db,
        "INSERT INTO search_outbox (content_id, enqueued_at) VALUES (?, ?)",
        vec![id.into(), chrono::Utc::now().into()],
    )
    .await
}

/// `?` placeholders as the backend spells them.
fn placeholders(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => {
            let mut n = 0;
            sql.chars()
                .map(|c| {
                    if c == '?' {
                        n += 1;
                        format!("${n}")
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        }
        _ => sql.to_string(),
    }
}

async fn run<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(backend, placeholders(backend, sql), values)).await.map(|_| ())
}
