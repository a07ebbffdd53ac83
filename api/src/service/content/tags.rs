//! Writing a content record's tags (objectives, principles, themes, regions, countries, organizations) in batches,
//! shared by the practice service and the seed loaders; and the links from practices to the call they answer.

use crate::error::AppResult;
use hub_entity::enums::OrganizationRole;
use hub_entity::{
    content_country, content_objective, content_organization, content_principle, content_region, content_theme,
    country, exchange_cohost_country, exchange_related, practice,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use std::collections::HashMap;

/// The tags of one content record, by plain key.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub objectives: Vec<i32>,
    pub principles: Vec<String>,
    pub themes: Vec<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub organizations: Vec<(i64, OrganizationRole)>,
}

/// Rows per insert statement: well under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH: usize = 1000;

async fn insert_all<A, C>(db: &C, rows: Vec<A>) -> AppResult<()>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(BATCH).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Inserts the link rows of many records at once (a few statements per thousand rows).
pub async fn insert<C: ConnectionTrait>(db: &C, records: &[(i64, Tags)]) -> AppResult<()> {
    let mut objectives = Vec::new();
    let mut principles = Vec::new();
    let mut themes = Vec::new();
    let mut regions = Vec::new();
    let mut countries = Vec::new();
    let mut organizations = Vec::new();
    for (id, tags) in records {
        let id = *id;
        objectives.extend(
            dedup(&tags.objectives)
                .into_iter()
                .map(|n| content_objective::ActiveModel { content_id: Set(id), objective_number: Set(n) }),
        );
        principles.extend(
            dedup(&tags.principles)
                .into_iter()
                .map(|k| content_principle::ActiveModel { content_id: Set(id), principle_key: Set(k) }),
        );
        themes.extend(
            dedup(&tags.themes)
                .into_iter()
                .map(|k| content_theme::ActiveModel { content_id: Set(id), theme_key: Set(k) }),
        );
        regions.extend(
            dedup(&tags.regions)
                .into_iter()
                .map(|k| content_region::ActiveModel { content_id: Set(id), region_key: Set(k) }),
        );
        countries.extend(
            dedup(&tags.countries)
                .into_iter()
                .map(|c| content_country::ActiveModel { content_id: Set(id), country_iso3: Set(c) }),
        );
        organizations.extend(dedup(&tags.organizations).into_iter().zip(0..).map(|((org, role), position)| {
            content_organization::ActiveModel {
                content_id: Set(id),
                organization_id: Set(org),
                role: Set(role),
                position: Set(position),
            }
        }));
    }
    insert_all(db, objectives).await?;
    insert_all(db, principles).await?;
    insert_all(db, themes).await?;
    insert_all(db, regions).await?;
    insert_all(db, countries).await?;
    insert_all(db, organizations).await
}

/// A peer exchange's co-host countries and related practices and tools.
pub async fn insert_exchange<C: ConnectionTrait>(
    db: &C,
    exchange: i64,
    cohost_countries: &[String],
    related: &[i64],
) -> AppResult<()> {
    let hosts = dedup(cohost_countries)
        .into_iter()
        .map(|c| exchange_cohost_country::ActiveModel { exchange_id: Set(exchange), country_iso3: Set(c) })
        .collect();
    insert_all(db, hosts).await?;
    let related = dedup(related)
        .into_iter()
        .map(|c| exchange_related::ActiveModel { exchange_id: Set(exchange), content_id: Set(c) })
        .collect();
    insert_all(db, related).await
}

fn dedup<T: Clone + PartialEq>(values: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for value in values {
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
}

/// Each country's review region, for records tagged by country only.
pub async fn country_regions<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<String, String>> {
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| c.region_key.map(|region| (c.iso3, region)))
        .collect())
}

/// The regions of a list of countries, in first-seen order.
pub fn regions_of(countries: &[String], regions: &HashMap<String, String>) -> Vec<String> {
    dedup(&countries.iter().filter_map(|c| regions.get(c).cloned()).collect::<Vec<_>>())
}

/// The practices that answer a call (in any status).
pub async fn answers<C: ConnectionTrait>(db: &C, call_id: i64) -> AppResult<Vec<i64>> {
    Ok(practice::Entity::find()
        .select_only()
        .column(practice::Column::ContentId)
        .filter(practice::Column::CallId.eq(call_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// Unlinks the answers of a call being deleted (they keep its title as text); answers their ids. Nothing for a
/// record that is not a call.
pub async fn unlink_answers<C: ConnectionTrait>(db: &C, call_id: i64) -> AppResult<Vec<i64>> {
    let answers = answers(db, call_id).await?;
    if !answers.is_empty() {
        practice::Entity::update_many()
            .col_expr(practice::Column::CallId, Expr::value(Option::<i64>::None))
            .filter(practice::Column::CallId.eq(call_id))
            .exec(db)
            .await?;
    }
    Ok(answers)
}
