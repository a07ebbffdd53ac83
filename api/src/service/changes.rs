//! The partners' change feed: an ordered, gap-free log of the changes anonymous readers could see. Its rows are
//! written by `outbox::enqueue`, in the writer's transaction, from the same list of changed records as the search
//! outbox (one log of changes): what each record's change means publicly is derived from its state now and the
//! feed's last row for it, so nothing is missed or invented.
//!
//! - `PUBLISHED`: it became public; `UPDATED`: it (or something it shows) changed while public; `UNPUBLISHED`: it
//!   left the published state; `DELETED`: it was public once and is gone. A draft's edits write nothing.
//! - A record's translations show it, so a public change to a record is `UPDATED` for its published translations.
//! - Gap-free: on PostgreSQL, writers take a transaction-level advisory lock before they take their positions, so
//!   positions are handed out in commit order and a reader never passes a position that commits later. SQLite
//!   writers are serialised anyway (immediate transactions).
//! - Retention: rows older than [`RETENTION`] are purged (except each record's last, which later derivations read),
//!   and the horizon moves past them: a cursor before the horizon is `CURSOR_EXPIRED`.

use crate::domain::clock;
use crate::error::{AppError, AppResult};
use crate::service::page;
use chrono::{DateTime, Utc};
use hub_entity::enums::{ChangeKind, ContentKind, Status};
use hub_entity::{change_feed, content, public_change};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How long changes stay in the feed (documented in the README: at least 90 days).
pub const RETENTION: chrono::TimeDelta = chrono::TimeDelta::days(90);
/// Changes a page holds unless asked, and at most.
const DEFAULT_PAGE: u64 = 20;
const MAX_PAGE: u64 = 100;
/// The list feed cursors belong to.
const CURSOR_LIST: &str = "changes";
/// The advisory lock writers of the feed take (PostgreSQL), so positions follow commit order.
const WRITERS_LOCK: i64 = 0x4855_425f_4645_4544;
/// Records read per statement while deriving changes.
const CHUNK: usize = 500;

/// Whether the feed's last row for a record says it was public.
fn was_public(last: Option<&public_change::Model>) -> bool {
    last.is_some_and(|row| matches!(row.kind, ChangeKind::Published | ChangeKind::Updated))
}

/// What a change to a record means publicly, from its row now (`None`: gone) and the feed's last row for it.
fn derive(now: Option<&content::Model>, last: Option<&public_change::Model>) -> Option<ChangeKind> {
    let public_now = now.is_some_and(|row| row.status == Status::Published);
    // A record with a row in the feed was public once: its removal is a tombstone even after it was archived.
    let ever_public = last.is_some_and(|row| row.kind != ChangeKind::Deleted);
    match (was_public(last), public_now, now.is_some()) {
        (false, true, _) => Some(ChangeKind::Published),
        (true, true, _) => Some(ChangeKind::Updated),
        (true, false, true) => Some(ChangeKind::Unpublished),
        (_, false, false) if ever_public => Some(ChangeKind::Deleted),
        _ => None,
    }
}

/// The feed's last row of each record.
async fn last_rows<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, public_change::Model>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let newest = Query::select()
            .expr(Expr::col(public_change::Column::Id).max())
            .from(public_change::Entity)
            .and_where(public_change::Column::ContentId.is_in(chunk.iter().copied()))
            .group_by_col(public_change::Column::ContentId)
            .to_owned();
        let rows = public_change::Entity::find().filter(public_change::Column::Id.in_subquery(newest)).all(db).await?;
        found.extend(rows.into_iter().map(|row| (row.content_id, row)));
    }
    Ok(found)
}

async fn rows_by_id<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, content::Model>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = content::Entity::find().filter(content::Column::Id.is_in(chunk.iter().copied())).all(db).await?;
        found.extend(rows.into_iter().map(|row| (row.id, row)));
    }
    Ok(found)
}

/// Writes the feed's rows for records that changed (in the caller's transaction, after the change).
pub async fn record<C: ConnectionTrait>(db: &C, content_ids: &[i64]) -> AppResult<()> {
    if content_ids.is_empty() {
        return Ok(());
    }
    // Positions in commit order: writers queue here until the one before them commits.
    crate::db::lock_until_commit(db, WRITERS_LOCK).await?;
    let ids: Vec<i64> = content_ids.iter().copied().collect::<BTreeSet<_>>().into_iter().collect();
    let rows = rows_by_id(db, &ids).await?;
    let lasts = last_rows(db, &ids).await?;
    let now = clock::now();
    let mut entries: Vec<public_change::ActiveModel> = Vec::new();
    let mut groups: BTreeSet<String> = BTreeSet::new();
    for id in &ids {
        let (row, last) = (rows.get(id), lasts.get(id));
        let Some(kind) = derive(row, last) else { continue };
        let entry = match (row, last) {
            (Some(row), _) => entry(kind, row.id, row.kind, &row.slug, &row.language, &row.translation_key, now),
            (None, Some(last)) => {
                entry(kind, last.content_id, last.content_kind, &last.slug, &last.language, &last.translation_key, now)
            }
            (None, None) => continue,
        };
        if let Set(group) = &entry.translation_key {
            groups.insert(group.clone());
        }
        entries.push(entry);
    }
    // The published translations of records that changed publicly show them: they changed too.
    if !groups.is_empty() {
        let changed: BTreeSet<i64> = ids.iter().copied().collect();
        let siblings: BTreeMap<i64, content::Model> = content::Entity::find()
            .filter(content::Column::TranslationKey.is_in(groups))
            .filter(content::Column::Status.eq(Status::Published))
            .all(db)
            .await?
            .into_iter()
            .filter(|row| !changed.contains(&row.id))
            .map(|row| (row.id, row))
            .collect();
        let sibling_ids: Vec<i64> = siblings.keys().copied().collect();
        let sibling_lasts = last_rows(db, &sibling_ids).await?;
        for (id, row) in &siblings {
            if let Some(kind) = derive(Some(row), sibling_lasts.get(id)) {
                entries.push(entry(kind, row.id, row.kind, &row.slug, &row.language, &row.translation_key, now));
            }
        }
    }
    for chunk in entries.chunks(CHUNK) {
        public_change::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}

fn entry(
    kind: ChangeKind,
    content_id: i64,
    content_kind: ContentKind,
    slug: &str,
    language: &str,
    translation_key: &str,
    at: DateTime<Utc>,
) -> public_change::ActiveModel {
    public_change::ActiveModel {
        kind: Set(kind),
        content_id: Set(content_id),
        content_kind: Set(content_kind),
        slug: Set(slug.to_string()),
        language: Set(language.to_string()),
        translation_key: Set(translation_key.to_string()),
        at: Set(at),
        ..Default::default()
    }
}

/// The position a cursor names.
pub fn cursor(position: i64) -> String {
    page::position_cursor(CURSOR_LIST, usize::try_from(position).unwrap_or(0))
}

fn position(cursor: &str) -> AppResult<i64> {
    let after = page::after_position(cursor, CURSOR_LIST)?;
    Ok(i64::try_from(after.saturating_sub(1)).unwrap_or(i64::MAX))
}

async fn horizon<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    Ok(change_feed::Entity::find_by_id(1).one(db).await?.map_or(0, |row| row.horizon))
}

/// One page of the feed.
#[derive(Debug, Clone)]
pub struct ChangePage {
    pub entries: Vec<public_change::Model>,
    /// The position after this page (where the page started when it is empty).
    pub end: i64,
    pub has_next_page: bool,
}

/// The changes after `after` (from the start of the retained feed without one), `first` of them (1 to 100,
/// default 20), of the given content kinds (all when `None`), oldest first.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    after: Option<&str>,
    first: Option<i32>,
    kinds: Option<&[ContentKind]>,
) -> AppResult<ChangePage> {
    let first = match first {
        None => DEFAULT_PAGE,
        Some(n) if (1..=MAX_PAGE as i32).contains(&n) => u64::try_from(n).unwrap_or(DEFAULT_PAGE),
        Some(_) => return Err(AppError::bad_input("first", format!("`first` takes 1 to {MAX_PAGE}"))),
    };
    let horizon = horizon(db).await?;
    let start = match after {
        Some(cursor) => {
            let position = position(cursor)?;
            if position < horizon {
                return Err(AppError::CursorExpired);
            }
            position
        }
        None => horizon,
    };
    let mut select = public_change::Entity::find().filter(public_change::Column::Id.gt(start));
    if let Some(kinds) = kinds.filter(|kinds| !kinds.is_empty()) {
        select = select.filter(public_change::Column::ContentKind.is_in(kinds.iter().copied()));
    }
    let mut entries = select.order_by_asc(public_change::Column::Id).limit(first + 1).all(db).await?;
    let has_next_page = entries.len() as u64 > first;
    entries.truncate(usize::try_from(first).unwrap_or(usize::MAX));
    let end = entries.last().map_or(start, |entry| entry.id);
    Ok(ChangePage { entries, end, has_next_page })
}

/// The current end of the feed, as a cursor: changes after it are the ones still to come.
pub async fn head<C: ConnectionTrait>(db: &C) -> AppResult<String> {
    let newest = public_change::Entity::find().order_by_desc(public_change::Column::Id).one(db).await?;
    let horizon = horizon(db).await?;
    Ok(cursor(std::cmp::max(newest.map_or(horizon, |row| row.id), horizon)))
}

/// Drops the changes older than the retention, keeping each record's last one, and moves the horizon past them.
pub async fn purge<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> AppResult<u64> {
    let cutoff = now - RETENTION;
    let newest_old = public_change::Entity::find()
        .filter(public_change::Column::At.lt(cutoff))
        .order_by_desc(public_change::Column::Id)
        .one(db)
        .await?;
    let Some(newest_old) = newest_old else { return Ok(0) };
    // The horizon moves first: a reader between the two statements is told its old cursor expired rather than
    // silently missing what is being deleted.
    change_feed::Entity::update_many()
        .col_expr(change_feed::Column::Horizon, Expr::value(newest_old.id))
        .filter(change_feed::Column::Id.eq(1))
        .filter(change_feed::Column::Horizon.lt(newest_old.id))
        .exec(db)
        .await?;
    let kept = Query::select()
        .expr(Expr::col(public_change::Column::Id).max())
        .from(public_change::Entity)
        .group_by_col(public_change::Column::ContentId)
        .to_owned();
    let deleted = public_change::Entity::delete_many()
        .filter(public_change::Column::Id.lte(newest_old.id))
        .filter(public_change::Column::Id.not_in_subquery(kept))
        .exec(db)
        .await?
        .rows_affected;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_means_what_the_record_was_and_is() {
        let row = |status| content::Model {
            id: 1,
            kind: ContentKind::Practice,
            slug: "s".into(),
            language: "en".into(),
            translation_key: "k".into(),
            status,
            title: String::new(),
            summary: String::new(),
            year: None,
            owner_sub: None,
            review_note: None,
            published_at: None,
            created_at: clock::now(),
            updated_at: clock::now(),
            version: 1,
        };
        let last = |kind| public_change::Model {
            id: 1,
            kind,
            content_id: 1,
            content_kind: ContentKind::Practice,
            slug: "s".into(),
            language: "en".into(),
            translation_key: "k".into(),
            at: clock::now(),
        };
        let published = row(Status::Published);
        let draft = row(Status::Draft);
        let archived = row(Status::Archived);
        assert_eq!(derive(Some(&draft), None), None, "a draft's edits are private");
        assert_eq!(derive(Some(&published), None), Some(ChangeKind::Published));
        assert_eq!(derive(Some(&published), Some(&last(ChangeKind::Published))), Some(ChangeKind::Updated));
        assert_eq!(derive(Some(&published), Some(&last(ChangeKind::Unpublished))), Some(ChangeKind::Published));
        assert_eq!(derive(Some(&archived), Some(&last(ChangeKind::Updated))), Some(ChangeKind::Unpublished));
        assert_eq!(derive(Some(&archived), Some(&last(ChangeKind::Unpublished))), None);
        assert_eq!(derive(None, Some(&last(ChangeKind::Updated))), Some(ChangeKind::Deleted));
        assert_eq!(derive(None, Some(&last(ChangeKind::Unpublished))), Some(ChangeKind::Deleted), "public once");
        assert_eq!(derive(None, Some(&last(ChangeKind::Deleted))), None);
        assert_eq!(derive(None, None), None);
    }
}
