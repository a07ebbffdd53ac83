//! The partners' change feed: `changes` (an ordered, gap-free feed of public changes with tombstones, read with
//! durable cursors) and `changesHead` (its current end, to note before a full sync).

use super::connection::PageInfo;
use super::enums::ContentType;
use super::node::{Node, content_node};
use super::{db, id};
use crate::domain::kind::RecordType;
use crate::domain::viewer::Viewer;
use crate::service::changes::{self, ChangePage};
use crate::service::content::query;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use hub_entity::content;
use hub_entity::enums::{ChangeKind as StoredKind, ContentKind};
use std::collections::HashMap;

/// What happened to a record.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "hub_entity::enums::ChangeKind")]
pub enum ChangeKind {
    /// It became public.
    Published,
    /// It changed while public, or something it shows did (its organization or a theme renamed, a translation
    /// published).
    Updated,
    /// It left the published state (archived): drop it.
    Unpublished,
    /// It was public once and has been removed for good: drop it.
    Deleted,
}

/// One public change.
#[derive(SimpleObject, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    /// The record's global id (as `node` takes it; it stays the same after the record is gone).
    pub record_id: ID,
    #[graphql(name = "type")]
    pub content_type: ContentType,
    pub slug: String,
    pub language: String,
    pub at: DateTime<Utc>,
    /// The record as it is now, for `PUBLISHED` and `UPDATED` while it is still published; null for tombstones.
    pub record: Option<Node>,
}

#[derive(SimpleObject, Clone)]
pub struct ChangeEdge {
    pub cursor: String,
    pub node: Change,
}

#[derive(SimpleObject)]
pub struct ChangeConnection {
    pub edges: Vec<ChangeEdge>,
    pub nodes: Vec<Change>,
    pub page_info: PageInfo,
    /// The position after this page: pass it as `after` to read on (it equals `after`, or the start, on an empty
    /// page).
    pub cursor: String,
}

/// The page's records as anonymous readers see them now (one statement).
async fn records(ctx: &Context<'_>, page: &ChangePage) -> async_graphql::Result<HashMap<i64, content::Model>> {
    let ids: Vec<i64> = page
        .entries
        .iter()
        .filter(|entry| matches!(entry.kind, StoredKind::Published | StoredKind::Updated))
        .map(|entry| entry.content_id)
        .collect();
    Ok(query::by_ids(db(ctx)?, &Viewer::anonymous(), &ids).await?.into_iter().map(|row| (row.id, row)).collect())
}

#[derive(Default)]
pub struct ChangeQuery;

#[Object]
impl ChangeQuery {
    /// The public changes after `after` (from the oldest kept without it), oldest first: records published,
    /// updated while published, unpublished and deleted (tombstones), of `types` (all when omitted). `first`: 1 to
    /// 100, default 20. Cursors are durable (across restarts and instances) for 90 days; an older one is
    /// `CURSOR_EXPIRED`. Only what anonymous readers could see appears; a draft's edits never do.
    async fn changes(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
        types: Option<Vec<ContentType>>,
    ) -> async_graphql::Result<ChangeConnection> {
        let kinds: Option<Vec<ContentKind>> = types.map(|types| types.into_iter().map(Into::into).collect());
        let page = changes::page(db(ctx)?, after.as_deref(), first, kinds.as_deref()).await?;
        let records = records(ctx, &page).await?;
        let edges: Vec<ChangeEdge> = page
            .entries
            .iter()
            .map(|entry| {
                let record = match entry.kind {
                    StoredKind::Published | StoredKind::Updated => records
                        .get(&entry.content_id)
                        .filter(|row| row.kind == entry.content_kind)
                        .cloned()
                        .and_then(|row| content_node(RecordType::Content(row.kind), row)),
                    StoredKind::Unpublished | StoredKind::Deleted => None,
                };
                ChangeEdge {
                    cursor: changes::cursor(entry.id),
                    node: Change {
                        kind: entry.kind.into(),
                        record_id: id::encode(RecordType::Content(entry.content_kind), entry.content_id),
                        content_type: entry.content_kind.into(),
                        slug: entry.slug.clone(),
                        language: entry.language.clone(),
                        at: entry.at,
                        record,
                    },
                }
            })
            .collect();
        let page_info = PageInfo {
            has_next_page: page.has_next_page,
            has_previous_page: after.is_some(),
            start_cursor: edges.first().map(|edge| edge.cursor.clone()),
            end_cursor: edges.last().map(|edge| edge.cursor.clone()),
        };
        Ok(ChangeConnection {
            nodes: edges.iter().map(|edge| edge.node.clone()).collect(),
            edges,
            page_info,
            cursor: changes::cursor(page.end),
        })
    }

    /// The current end of the change feed. Note it before a full sync, then read `changes(after:)` from it:
    /// repeats are harmless, misses are not.
    async fn changes_head(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(changes::head(db(ctx)?).await?)
    }
}
