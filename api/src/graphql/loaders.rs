//! DataLoaders: every relation of a page is fetched in one batch (see `service::relations`).

use crate::db::tags::{self, ContentTags};
use crate::domain::kind::KINDS;
use crate::domain::viewer::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::content::review;
use crate::service::labels::LabelTable;
use crate::service::relations::{self, Link};
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use hub_entity::enums::OrganizationRole;
use hub_entity::{
    audit_event, call_for_practices, collection, content, content_organization, country, exchange_cohost_country,
    exchange_related, guidance_tool, guidance_tool_link, objective, objective_report, organization, peer_exchange,
    practice, practice_resource, principle, region, regional_review, review_submission, theme,
};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseConnection};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::sync::Mutex;
use tokio::sync::OnceCell;

/// The batch source of one request: the connection and the caller (relations to content obey visibility).
pub struct Relations {
    db: DatabaseConnection,
    viewer: Viewer,
    reference: Arc<ReferenceTables>,
    /// The request's database work in progress (see `after_siblings`).
    in_flight: InFlight,
}

/// A request's fetches (loader batches and reference-table loads), by epoch: the number of fetches that had
/// finished when a fetch was registered. Fetches of one epoch are siblings; a fetch registered after another
/// finished may be fed by fetches of earlier epochs still to come, so its batch waits for them.
#[derive(Clone, Default)]
struct InFlight(Arc<Mutex<Epochs>>);

#[derive(Default)]
struct Epochs {
    finished: u64,
    /// Pending fetches per epoch.
    pending: BTreeMap<u64, usize>,
}

/// One registered fetch; it counts as finished when dropped (done or abandoned).
struct Fetching {
    in_flight: InFlight,
    epoch: u64,
}

impl InFlight {
    fn register(&self) -> Fetching {
        let mut epochs = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let epoch = epochs.finished;
        *epochs.pending.entry(epoch).or_default() += 1;
        Fetching { in_flight: self.clone(), epoch }
    }

    /// Whether every fetch of an earlier epoch than `epoch` has finished.
    fn clear_before(&self, epoch: u64) -> bool {
        let epochs = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        epochs.pending.keys().next().is_none_or(|first| *first >= epoch)
    }
}

impl Drop for Fetching {
    fn drop(&mut self) {
        let mut epochs = self.in_flight.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = epochs.pending.get_mut(&self.epoch) {
            *count -= 1;
            if *count == 0 {
                epochs.pending.remove(&self.epoch);
            }
        }
        epochs.finished += 1;
    }
}

/// The reference lists are small and rarely change: the first use loads a whole table, and every other use by any
/// request of the same public epoch reads it (see `ReferenceCache`). One statement per list per epoch and process.
#[derive(Default)]
pub struct ReferenceTables {
    objectives: OnceCell<HashMap<i32, objective::Model>>,
    principles: OnceCell<HashMap<String, principle::Model>>,
    themes: OnceCell<HashMap<String, theme::Model>>,
    regions: OnceCell<HashMap<String, region::Model>>,
    countries: OnceCell<HashMap<String, country::Model>>,
    labels: OnceCell<LabelTable>,
}

/// The process's reference tables, for the newest public epoch a request has seen. Every change to them moves the
/// epoch on (in its own transaction), and every request reads the epoch first, so every instance drops its tables
/// as soon as the change is committed.
#[derive(Default)]
pub struct ReferenceCache(std::sync::RwLock<(i64, Arc<ReferenceTables>)>);

impl ReferenceCache {
    /// The tables of `epoch`. A request that read an epoch older than the newest seen gets tables of its own.
    pub fn tables(&self, epoch: i64) -> Arc<ReferenceTables> {
        if let Ok(current) = self.0.read()
            && current.0 == epoch
        {
            return current.1.clone();
        }
        let Ok(mut current) = self.0.write() else { return Arc::default() };
        if current.0 < epoch {
            *current = (epoch, Arc::default());
        }
        if current.0 == epoch { current.1.clone() } else { Arc::default() }
    }
}

/// Picks `keys` from a table, in the keys' order, skipping unknown ones.
fn pick<K: Eq + Hash, M: Clone>(table: &HashMap<K, M>, keys: impl IntoIterator<Item = K>) -> Vec<M> {
    keys.into_iter().filter_map(|key| table.get(&key).cloned()).collect()
}

impl Relations {
    pub async fn objectives(&self, numbers: impl IntoIterator<Item = i32>) -> AppResult<Vec<objective::Model>> {
        let table = self
            .reference
            .objectives
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                relations::all::<objective::Entity, _, _>(&self.db, |r| r.number).await
            })
            .await?;
        Ok(pick(table, numbers))
    }

    pub async fn principles(&self, keys: impl IntoIterator<Item = String>) -> AppResult<Vec<principle::Model>> {
        let table = self
            .reference
            .principles
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                relations::all::<principle::Entity, _, _>(&self.db, |r| r.key.clone()).await
            })
            .await?;
        Ok(pick(table, keys))
    }

    pub async fn themes(&self, keys: impl IntoIterator<Item = String>) -> AppResult<Vec<theme::Model>> {
        let table = self
            .reference
            .themes
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                relations::all::<theme::Entity, _, _>(&self.db, |r| r.key.clone()).await
            })
            .await?;
        Ok(pick(table, keys))
    }

    pub async fn regions(&self, keys: impl IntoIterator<Item = String>) -> AppResult<Vec<region::Model>> {
        let table = self
            .reference
            .regions
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                relations::all::<region::Entity, _, _>(&self.db, |r| r.key.clone()).await
            })
            .await?;
        Ok(pick(table, keys))
    }

    pub async fn countries(&self, codes: impl IntoIterator<Item = String>) -> AppResult<Vec<country::Model>> {
        let table = self
            .reference
            .countries
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                relations::all::<country::Entity, _, _>(&self.db, |r| r.iso3.clone()).await
            })
            .await?;
        Ok(pick(table, codes))
    }
}

impl Relations {
    /// The reference labels in every language besides English.
    pub async fn labels(&self) -> AppResult<&LabelTable> {
        self.reference
            .labels
            .get_or_try_init(|| async {
                let _fetching = self.in_flight.register();
                LabelTable::load(&self.db).await
            })
            .await
    }
}

pub type Loaders = DataLoader<Relations, HashMapCache>;

/// One set of loaders per request: its cache never outlives the request or crosses callers (the reference tables,
/// the same for every caller, come from the process's cache).
pub fn loaders(db: DatabaseConnection, viewer: Viewer, reference: Arc<ReferenceTables>) -> Loaders {
    let in_flight = InFlight::default();
    let spawner = {
        let in_flight = in_flight.clone();
        move |batch| after_siblings(in_flight.clone(), batch)
    };
    DataLoader::with_cache(Relations { db, viewer, reference, in_flight }, spawner, HashMapCache::default())
}

/// Scheduler turns a batch waits before it is fetched.
const TURNS: usize = 64;

/// Starts a batch only once the request's other futures have had their turns and every fetch of an earlier epoch
/// has finished. async-graphql resolves a list through `FuturesOrdered`, which yields every 32 items; with a purely
/// time-based delay a slow moment would cut a page's keys into several batches (and a page of 100 would cost more
/// statements than a page of 5). Each turn lets every ready future of the request run once, so all keys of a level
/// are queued before the fetch. And fetches of an earlier epoch (another loader's batch, a reference table) may,
/// when they return, ask this loader for more keys: waiting for them keeps one batch per loader and level however
/// the database times its answers. Fetches of one epoch never wait for each other, so they run concurrently.
fn after_siblings(
    in_flight: InFlight,
    batch: futures_util::future::BoxFuture<'static, ()>,
) -> tokio::task::JoinHandle<()> {
    let fetching = in_flight.register();
    tokio::spawn(async move {
        loop {
            for _ in 0..TURNS {
                tokio::task::yield_now().await;
            }
            if in_flight.clear_before(fetching.epoch) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_micros(200)).await;
        }
        batch.await;
        drop(fetching);
    })
}

/// Declares a key type and how `Relations` loads a batch of them.
macro_rules! loader {
    ($(#[$doc:meta])* $key:ident($inner:ty) -> $value:ty, |$this:ident, $keys:ident| $body:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub $inner);

        impl Loader<$key> for Relations {
            type Value = $value;
            type Error = Arc<AppError>;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, Self::Error> {
                let $this = self;
                let $keys: Vec<$inner> = keys.iter().map(|key| key.0.clone()).collect();
                let found: HashMap<$inner, $value> = $body.await.map_err(Arc::new)?;
                Ok(found.into_iter().map(|(key, value)| ($key(key), value)).collect())
            }
        }
    };
}

loader!(
    /// A content record's tags (objectives, principles, themes, regions, countries), all in one statement; or, when
    /// its page fed them, the kinds the page read (`ContentTags::read` says which).
    TagsOf(i64) -> ContentTags, |this, ids| tags::tags(&this.db, &ids)
);

loader!(
    /// A content record's tags of every kind, never fed by a page: for a field that needs a kind its page did not
    /// read.
    AllTagsOf(i64) -> ContentTags, |this, ids| tags::tags(&this.db, &ids)
);

loader!(
    /// A practice's latest review, with how many it has had (callers check who may read it first).
    ReviewsOf(i64) -> review::Latest, |this, ids| review::latest_of(&this.db, &ids)
);

loader!(
    /// Countries co-hosting a peer exchange.
    CohostCountriesOf(i64) -> Vec<exchange_cohost_country::Model>, |this, ids| relations::grouped::<exchange_cohost_country::Entity, _, _>(
        &this.db, exchange_cohost_country::Column::ExchangeId, &ids, |l| l.exchange_id, exchange_cohost_country::Column::CountryIso3,
        Condition::all())
);

loader!(
    /// Practices and guidance tools related to a peer exchange that the caller may read.
    RelatedOf(i64) -> Vec<content::Model>, |this, ids| relations::linked(&this.db, Link::<exchange_related::Entity, content::Entity, i64> {
        owner: exchange_related::Column::ExchangeId,
        owner_of: |l| l.exchange_id,
        target_of: |l| l.content_id,
        target: content::Column::Id,
        key_of: |t| t.id,
        order: content::Column::Title,
    }, &ids, this.viewer.visible_content())
);

loader!(
    /// The other-language versions of a record that the caller may read, keyed by translation key.
    TranslationsOf(String) -> Vec<content::Model>, |this, keys| relations::grouped::<content::Entity, _, _>(
        &this.db, content::Column::TranslationKey, &keys, |row| row.translation_key.clone(), content::Column::Language,
        this.viewer.visible_content())
);

loader!(
    /// Organizations taking part in a content record, with their role, in display order.
    OrganizationsOf(i64) -> Vec<(OrganizationRole, organization::Model)>, |this, ids| organizations_of(&this.db, ids)
);

async fn organizations_of(
    db: &DatabaseConnection,
    ids: Vec<i64>,
) -> Result<HashMap<i64, Vec<(OrganizationRole, organization::Model)>>, AppError> {
    let links = relations::grouped::<content_organization::Entity, _, _>(
        db,
        content_organization::Column::ContentId,
        &ids,
        |l| l.content_id,
        content_organization::Column::Position,
        Condition::all(),
    )
    .await?;
    let org_ids: Vec<i64> = links.values().flatten().map(|l| l.organization_id).collect();
    let orgs =
        relations::by_keys::<organization::Entity, _, _>(db, organization::Column::Id, &org_ids, |o| o.id).await?;
    Ok(links
        .into_iter()
        .map(|(content_id, links)| {
            let named = links.into_iter().filter_map(|l| orgs.get(&l.organization_id).map(|o| (l.role, o.clone())));
            (content_id, named.collect())
        })
        .collect())
}

loader!(
    ResourcesOf(i64) -> Vec<practice_resource::Model>, |this, ids| relations::grouped::<practice_resource::Entity, _, _>(
        &this.db, practice_resource::Column::PracticeId, &ids, |r| r.practice_id, practice_resource::Column::Position,
        Condition::all())
);

loader!(
    ToolLinksOf(i64) -> Vec<guidance_tool_link::Model>, |this, ids| relations::grouped::<guidance_tool_link::Entity, _, _>(
        &this.db, guidance_tool_link::Column::ToolId, &ids, |l| l.tool_id, guidance_tool_link::Column::Language,
        Condition::all())
);

loader!(
    /// The submissions to a regional review the caller may read, oldest first.
    SubmissionsOf(i64) -> Vec<content::Model>, |this, ids|
        crate::service::content::review_submission::of_reviews(&this.db, &this.viewer, &ids)
);

loader!(
    /// What a review submission says about each objective.
    ReportsOf(i64) -> Vec<objective_report::Model>, |this, ids| relations::grouped::<objective_report::Entity, _, _>(
        &this.db, objective_report::Column::ContentId, &ids, |r| r.content_id, objective_report::Column::ObjectiveNumber,
        Condition::all())
);

loader!(
    HistoryOf(i64) -> Vec<audit_event::Model>, |this, ids| relations::grouped::<audit_event::Entity, _, _>(
        &this.db, audit_event::Column::SubjectId, &ids, |e| e.subject_id, audit_event::Column::Id,
        Condition::all().add(audit_event::Column::SubjectType.is_in(KINDS.iter().map(|names| names.type_name))))
);

loader!(
    PracticeDetail(i64) -> practice::Model, |this, ids| relations::by_keys::<practice::Entity, _, _>(
        &this.db, practice::Column::ContentId, &ids, |row| row.content_id)
);

loader!(
    ToolDetail(i64) -> guidance_tool::Model, |this, ids| relations::by_keys::<guidance_tool::Entity, _, _>(
        &this.db, guidance_tool::Column::ContentId, &ids, |row| row.content_id)
);

loader!(
    ExchangeDetail(i64) -> peer_exchange::Model, |this, ids| relations::by_keys::<peer_exchange::Entity, _, _>(
        &this.db, peer_exchange::Column::ContentId, &ids, |row| row.content_id)
);

loader!(
    CallDetail(i64) -> call_for_practices::Model, |this, ids| relations::by_keys::<call_for_practices::Entity, _, _>(
        &this.db, call_for_practices::Column::ContentId, &ids, |row| row.content_id)
);

loader!(
    CollectionDetail(i64) -> collection::Model, |this, ids| relations::by_keys::<collection::Entity, _, _>(
        &this.db, collection::Column::ContentId, &ids, |row| row.content_id)
);

loader!(
    /// A collection's items the caller may see, in order.
    ItemsOf(i64) -> Vec<crate::service::content::collection::Shown>, |this, ids|
        crate::service::content::collection::items_of(&this.db, &this.viewer, &ids)
);

loader!(
    /// The collections the caller may read that hold a record.
    CollectionsOf(i64) -> Vec<content::Model>, |this, ids|
        crate::service::content::collection::holding(&this.db, &this.viewer, &ids)
);

loader!(
    /// How many published practices answer a call for practices.
    AnswersTo(i64) -> u64, |this, ids| crate::service::content::call_for_practices::answer_counts(&this.db, &ids)
);

loader!(
    /// A content record by id, if the caller may read it (a practice's call).
    ContentById(i64) -> content::Model, |this, ids| async {
        let rows = crate::service::content::query::by_ids(&this.db, &this.viewer, &ids).await?;
        Ok(rows.into_iter().map(|row| (row.id, row)).collect())
    }
);

loader!(
    OrganizationById(i64) -> organization::Model, |this, ids| relations::by_keys::<organization::Entity, _, _>(
        &this.db, organization::Column::Id, &ids, |row| row.id)
);

loader!(
    ReviewById(i64) -> regional_review::Model, |this, ids| relations::by_keys::<regional_review::Entity, _, _>(
        &this.db, regional_review::Column::Id, &ids, |row| row.id)
);

loader!(
    SubmissionDetail(i64) -> review_submission::Model, |this, ids| relations::by_keys::<review_submission::Entity, _, _>(
        &this.db, review_submission::Column::ContentId, &ids, |row| row.content_id)
);
