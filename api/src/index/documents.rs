//! Search documents built from the database: what a published record shows to search (its texts, tags, and the
//! names of its organizations, themes and countries). A few statements per batch, whatever its size.

use super::{SearchDocument, language};
use crate::domain::kind::{self, names};
use crate::error::AppResult;
use hub_entity::enums::Status;
use hub_entity::{content, country, guidance_tool, organization, peer_exchange, practice, theme};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Records of the kinds search holds (calls for practices are not among them).
pub fn indexed_kinds() -> sea_orm::sea_query::SimpleExpr {
    content::Column::Kind.is_in(kind::searchable().map(|names| names.kind))
}

/// The current state of these records: documents of the published ones, and the ids of the rest (unpublished or
/// gone), which must leave the index. The published translations of these records are refreshed too: their
/// documents hold the group's titles.
pub async fn current<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<(Vec<SearchDocument>, Vec<i64>)> {
    let groups: Vec<String> = content::Entity::find()
        .select_only()
        .column(content::Column::TranslationKey)
        .filter(content::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let rows = content::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(content::Column::Id.is_in(ids.iter().copied()))
                .add(content::Column::TranslationKey.is_in(groups)),
        )
        .filter(content::Column::Status.eq(Status::Published))
        .filter(indexed_kinds())
        .all(db)
        .await?;
    let documents = build(db, rows).await?;
    let kept: HashSet<i64> = documents.iter().map(|d| d.id).collect();
    let gone = ids.iter().copied().filter(|id| !kept.contains(id)).collect();
    Ok((documents, gone))
}

/// The document of one record, whatever its status (what `related` compares others with).
pub async fn of<C: ConnectionTrait>(db: &C, row: content::Model) -> AppResult<SearchDocument> {
    let mut documents = build(db, vec![row]).await?;
    documents.pop().ok_or_else(|| crate::error::AppError::Internal("no document built".into()))
}

/// Published records after `after_id`, in id order, `limit` at a time (for rebuilding the index).
pub async fn published_after<C: ConnectionTrait>(db: &C, after_id: i64, limit: u64) -> AppResult<Vec<SearchDocument>> {
    let rows = content::Entity::find()
        .filter(content::Column::Id.gt(after_id))
        .filter(content::Column::Status.eq(Status::Published))
        .filter(indexed_kinds())
        .order_by_asc(content::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    build(db, rows).await
}

/// Pairs `(content id, value)` grouped by content id.
async fn build<C: ConnectionTrait>(db: &C, rows: Vec<content::Model>) -> AppResult<Vec<SearchDocument>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut tags = crate::db::tags::tags(db, &ids).await?;
    let organization_names: HashMap<i64, String> = organization::Entity::find()
        .filter(organization::Column::Id.is_in(tags.values().flat_map(|t| t.organizations.iter().copied())))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, [Some(o.name), o.acronym].into_iter().flatten().collect::<Vec<_>>().join(" ")))
        .collect();
    let theme_names: HashMap<String, String> =
        theme::Entity::find().all(db).await?.into_iter().map(|t| (t.key, t.name)).collect();
    let country_names: HashMap<String, String> = country::Entity::find()
        .filter(country::Column::Iso3.is_in(tags.values().flat_map(|t| t.countries.iter().cloned())))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.iso3, c.name))
        .collect();
    // The titles and summaries of every group's published records, for each record's `group_stems`.
    let keys: HashSet<&str> = rows.iter().map(|r| r.translation_key.as_str()).collect();
    let mut group_texts: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    let members: Vec<(i64, String, String, String)> = content::Entity::find()
        .select_only()
        .columns([
            content::Column::Id,
            content::Column::TranslationKey,
            content::Column::Title,
            content::Column::Summary,
        ])
        .filter(content::Column::TranslationKey.is_in(keys.iter().copied()))
        .filter(content::Column::Status.eq(Status::Published))
        .into_tuple()
        .all(db)
        .await?;
    for (id, key, title, summary) in members {
        group_texts.entry(key).or_default().push((id, format!("{title}\n{summary}")));
    }
    let mut texts: HashMap<i64, Vec<String>> = HashMap::new();
    let practices =
        practice::Entity::find().filter(practice::Column::ContentId.is_in(ids.iter().copied())).all(db).await?;
    let mut calls = answered_calls(db, &practices).await?;
    for p in practices {
        let fields = [Some(p.description), p.implementation, p.results, p.lessons_learned, p.enabling_factors];
        texts.entry(p.content_id).or_default().extend(fields.into_iter().flatten());
    }
    for t in guidance_tool::Entity::find()
        .filter(guidance_tool::Column::ContentId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        let fields = [t.target_audience, t.geographic_scope, t.working_group];
        texts.entry(t.content_id).or_default().extend(fields.into_iter().flatten());
    }
    for e in peer_exchange::Entity::find()
        .filter(peer_exchange::Column::ContentId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        let fields = [e.series, e.working_group, e.outcomes];
        texts.entry(e.content_id).or_default().extend(fields.into_iter().flatten());
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            let tags = tags.remove(&id).unwrap_or_default();
            let mut body = texts.remove(&id).unwrap_or_default();
            body.extend(tags.organizations.iter().filter_map(|o| organization_names.get(o).cloned()));
            body.extend(tags.themes.iter().filter_map(|t| theme_names.get(t).cloned()));
            body.extend(tags.countries.iter().filter_map(|c| country_names.get(c).cloned()));
            let body = body.join("\n");
            let others: Vec<&str> = group_texts
                .get(&row.translation_key)
                .map(|titles| titles.iter().filter(|(other, _)| *other != id).map(|(_, t)| t.as_str()).collect())
                .unwrap_or_default();
            SearchDocument {
                id,
                kind: names(row.kind).key.to_string(),
                group: row.translation_key,
                title_stems: language::stems(&row.title),
                summary_stems: language::stems(&row.summary),
                body_stems: language::stems(&body),
                group_stems: language::stems(&others.join("\n")),
                title: row.title,
                summary: row.summary,
                body,
                language: row.language,
                year: row.year,
                objectives: tags.objectives,
                principles: tags.principles,
                regions: tags.regions,
                countries: tags.countries,
                themes: tags.themes,
                calls: calls.remove(&id).into_iter().collect(),
                organizations: tags.organizations,
                published_at: row.published_at.unwrap_or(row.created_at).timestamp(),
                updated_at: row.updated_at.timestamp(),
            }
        })
        .collect())
}

/// The slug of the published call each of these practices answers, by practice id.
async fn answered_calls<C: ConnectionTrait>(db: &C, practices: &[practice::Model]) -> AppResult<HashMap<i64, String>> {
    let call_ids: HashSet<i64> = practices.iter().filter_map(|p| p.call_id).collect();
    if call_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let slugs: HashMap<i64, String> = content::Entity::find()
        .select_only()
        .columns([content::Column::Id, content::Column::Slug])
        .filter(content::Column::Id.is_in(call_ids))
        .filter(content::Column::Status.eq(Status::Published))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(practices.iter().filter_map(|p| Some((p.content_id, slugs.get(&p.call_id?)?.clone()))).collect())
}
