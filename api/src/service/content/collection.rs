//! A curated collection ("Global Practices"): editors write its description, feature it, and set its items, an
//! ordered list of published practices, guidance tools and peer exchanges, each with an optional note. The whole
//! list is set at once, at the version the editor read, so two curators never interleave their orders.
//!
//! Who sees which items: the public sees the items that are published now; an item archived after it was chosen
//! stays in the list for editors (marked), and comes back for everybody if it is published again.

use crate::domain::kind::names;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details};
use crate::service::page::{self, Page};
use crate::service::validate;
use hub_entity::enums::{ContentKind, Status};
use hub_entity::{collection, collection_item, content};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::{HashMap, HashSet};

/// A collection's own columns, declared once (the grammar is in `service::content::own`).
#[macro_export]
macro_rules! collection_own {
    ($expand:ident) => {
        $crate::$expand! {
            CollectionOwn, CollectionDetails, CollectionOwnInput, collection [];
            /// What the collection gathers and why (required on create).
            description: String = (String::new()) [required, text(10, 20000)],
            /// Shown on the explorer's landing page.
            featured: bool = (false) [],
        }
    };
}

crate::collection_own!(service_own);

/// The most items a collection holds.
pub const MAX_ITEMS: usize = 100;

/// One item as an editor sets it.
#[derive(Debug, Clone)]
pub struct Item {
    pub record: i64,
    pub note: Option<String>,
}

/// The editable fields of a collection; `None` leaves a field as it is on update, given `items` replace the list.
#[derive(Debug, Clone, Default)]
pub struct CollectionFields {
    pub common: CommonFields,
    pub own: CollectionOwn,
    pub items: Option<Vec<Item>>,
}

impl CollectionFields {
    /// Checks the items: at most [`MAX_ITEMS`], each once, each a published practice, guidance tool or exchange.
    async fn check_items<C: ConnectionTrait>(&self, db: &C) -> AppResult<()> {
        let Some(items) = &self.items else { return Ok(()) };
        if items.len() > MAX_ITEMS {
            return Err(AppError::bad_input("items", format!("a collection holds at most {MAX_ITEMS} items")));
        }
        let mut seen = HashSet::new();
        for item in items {
            if !seen.insert(item.record) {
                return Err(AppError::bad_input("items.record", "a record appears twice in the collection"));
            }
            validate::text(item.note.as_deref(), "items.note", 0, 2000)?;
        }
        let found: HashMap<i64, (ContentKind, Status)> = content::Entity::find()
            .filter(content::Column::Id.is_in(seen.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|row| (row.id, (row.kind, row.status)))
            .collect();
        for item in items {
            match found.get(&item.record) {
                Some((kind, Status::Published)) if collectable(*kind) => {}
                Some((kind, _)) if collectable(*kind) => {
                    let message = format!("the {} chosen is not published", names(*kind).label);
                    return Err(AppError::bad_input("items.record", message));
                }
                _ => {
                    let message = "an item is a practice, a guidance tool or a peer exchange";
                    return Err(AppError::bad_input("items.record", message));
                }
            }
        }
        Ok(())
    }

    /// Replaces the items when the fields give them.
    async fn replace_items(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let Some(items) = &self.items else { return Ok(()) };
        collection_item::Entity::delete_many().filter(collection_item::Column::CollectionId.eq(id)).exec(txn).await?;
        let rows: Vec<collection_item::ActiveModel> = items
            .iter()
            .zip(0..)
            .map(|(item, position)| collection_item::ActiveModel {
                collection_id: Set(id),
                content_id: Set(item.record),
                position: Set(position),
                note: Set(item.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string)),
            })
            .collect();
        if !rows.is_empty() {
            collection_item::Entity::insert_many(rows).exec_without_returning(txn).await?;
        }
        Ok(())
    }
}

/// The kinds a collection gathers: what researchers search (calls and collections are not among them).
fn collectable(kind: ContentKind) -> bool {
    names(kind).searchable
}

impl Details for CollectionFields {
    const KIND: ContentKind = ContentKind::Collection;
    const AUTHOR: Role = Role::Editor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        None
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        self.check_items(db).await
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        self.own.new_row(id).insert(txn).await?;
        self.replace_items(txn, id).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current = collection::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("collection"))?;
        let mut detail: collection::ActiveModel = current.into();
        self.own.apply(&mut detail);
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        self.replace_items(txn, id).await
    }
}

/// An item as a reader gets it: the record (when the reader may see it), its place and note, and whether it is
/// public now (editors also get the items that are not).
#[derive(Debug, Clone)]
pub struct Shown {
    pub position: i32,
    pub note: Option<String>,
    pub record: content::Model,
}

/// The items of these collections that the viewer may see, in order, by collection id.
pub async fn items_of<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    collections: &[i64],
) -> AppResult<HashMap<i64, Vec<Shown>>> {
    let items = collection_item::Entity::find()
        .filter(collection_item::Column::CollectionId.is_in(collections.iter().copied()))
        .order_by_asc(collection_item::Column::CollectionId)
        .order_by_asc(collection_item::Column::Position)
        .all(db)
        .await?;
    let records: HashMap<i64, content::Model> = content::Entity::find()
        .filter(content::Column::Id.is_in(items.iter().map(|item| item.content_id)))
        .filter(shown_to(viewer))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut by_collection: HashMap<i64, Vec<Shown>> = HashMap::new();
    for item in items {
        if let Some(record) = records.get(&item.content_id) {
            let shown = Shown { position: item.position, note: item.note, record: record.clone() };
            by_collection.entry(item.collection_id).or_default().push(shown);
        }
    }
    Ok(by_collection)
}

/// What of a collection's items a viewer sees: editors every item (archived ones marked by their status), everybody
/// else the published ones.
fn shown_to(viewer: &Viewer) -> sea_orm::Condition {
    match viewer.role >= Role::Editor {
        true => sea_orm::Condition::all(),
        false => sea_orm::Condition::all().add(content::Column::Status.eq(Status::Published)),
    }
}

/// The collections the viewer may read that hold each of these records, by record id (title order).
pub async fn holding<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    records: &[i64],
) -> AppResult<HashMap<i64, Vec<content::Model>>> {
    let items = collection_item::Entity::find()
        .filter(collection_item::Column::ContentId.is_in(records.iter().copied()))
        .all(db)
        .await?;
    let collections: HashMap<i64, content::Model> = content::Entity::find()
        .filter(content::Column::Id.is_in(items.iter().map(|item| item.collection_id)))
        .filter(content::Column::Kind.eq(ContentKind::Collection))
        .filter(viewer.visible_content())
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let mut by_record: HashMap<i64, Vec<content::Model>> = HashMap::new();
    for item in items {
        if let Some(collection) = collections.get(&item.collection_id) {
            by_record.entry(item.content_id).or_default().push(collection.clone());
        }
    }
    for list in by_record.values_mut() {
        list.sort_by(|a, b| a.title.cmp(&b.title));
    }
    Ok(by_record)
}

/// One page of the collections the viewer may read, featured ones only with `featured`, newest first; and how
/// many the whole list holds. Collections are few (the editors curate them by hand).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    featured: Option<bool>,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<(Page<content::Model>, u64)> {
    let mut shared = content::Entity::find()
        .filter(content::Column::Kind.eq(ContentKind::Collection))
        .filter(viewer.visible_content())
        .order_by_desc(content::Column::CreatedAt)
        .order_by_desc(content::Column::Id)
        .all(db)
        .await?;
    if let Some(wanted) = featured {
        let featured: HashSet<i64> = collection::Entity::find()
            .filter(collection::Column::Featured.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|row| row.content_id)
            .collect();
        shared.retain(|row| featured.contains(&row.id) == wanted);
    }
    page::in_memory(shared, |row| row.id, "collections", first, after)
}
