//! DataLoaders: every relation of a page is fetched in one batch (see `service::relations`).

use crate::error::AppError;
use crate::service::relations::{self, Link};
use crate::service::viewer::Viewer;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};
use hub_entity::enums::OrganizationRole;
use hub_entity::{
    content, content_country, content_objective, content_organization, content_principle, content_region,
    content_theme, country, exchange_cohost_country, exchange_related, guidance_tool, guidance_tool_link, objective,
    organization, peer_exchange, practice, practice_resource, principle, region, regional_review, review_submission,
    theme,
};
use sea_orm::DatabaseConnection;
use sea_orm::sea_query::Condition;
use std::collections::HashMap;
use std::sync::Arc;

/// The batch source of one request: the connection and the caller (relations to content obey visibility).
pub struct Relations {
    db: DatabaseConnection,
    viewer: Viewer,
}

pub type Loaders = DataLoader<Relations, HashMapCache>;

/// One set of loaders per request: its cache never outlives the request or crosses callers.
pub fn loaders(db: DatabaseConnection, viewer: Viewer) -> Loaders {
    DataLoader::with_cache(Relations { db, viewer }, after_siblings, HashMapCache::default())
}

/// Scheduler turns a batch waits before it is fetched.
const TURNS: usize = 64;

/// Starts a batch only after the request's other futures have had their turns. async-graphql resolves a list
/// through `FuturesOrdered`, which yields every 32 items; with a purely time-based delay a slow moment would cut a
/// page's keys into several batches (and a page of 100 would cost more statements than a page of 5). Each turn
/// lets every ready future of the request run once, so all keys of a level are queued before the fetch, whatever
/// the machine's speed: on actix's single-threaded workers the batching is deterministic.
fn after_siblings(batch: futures_util::future::BoxFuture<'static, ()>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        for _ in 0..TURNS {
            tokio::task::yield_now().await;
        }
        batch.await
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
    /// A content record's GCM objectives, by number.
    ObjectivesOf(i64) -> Vec<objective::Model>, |this, ids| relations::linked(&this.db, Link::<content_objective::Entity, objective::Entity, i32> {
        owner: content_objective::Column::ContentId,
        owner_of: |l| l.content_id,
        target_of: |l| l.objective_number,
        target: objective::Column::Number,
        key_of: |t| t.number,
        order: objective::Column::Number,
    }, &ids, Condition::all())
);

loader!(
    PrinciplesOf(i64) -> Vec<principle::Model>, |this, ids| relations::linked(&this.db, Link::<content_principle::Entity, principle::Entity, String> {
        owner: content_principle::Column::ContentId,
        owner_of: |l| l.content_id,
        target_of: |l| l.principle_key.clone(),
        target: principle::Column::Key,
        key_of: |t| t.key.clone(),
        order: principle::Column::Position,
    }, &ids, Condition::all())
);

loader!(
    ThemesOf(i64) -> Vec<theme::Model>, |this, ids| relations::linked(&this.db, Link::<content_theme::Entity, theme::Entity, String> {
        owner: content_theme::Column::ContentId,
        owner_of: |l| l.content_id,
        target_of: |l| l.theme_key.clone(),
        target: theme::Column::Key,
        key_of: |t| t.key.clone(),
        order: theme::Column::Position,
    }, &ids, Condition::all())
);

loader!(
    RegionsOf(i64) -> Vec<region::Model>, |this, ids| relations::linked(&this.db, Link::<content_region::Entity, region::Entity, String> {
        owner: content_region::Column::ContentId,
        owner_of: |l| l.content_id,
        target_of: |l| l.region_key.clone(),
        target: region::Column::Key,
        key_of: |t| t.key.clone(),
        order: region::Column::Position,
    }, &ids, Condition::all())
);

loader!(
    CountriesOf(i64) -> Vec<country::Model>, |this, ids| relations::linked(&this.db, Link::<content_country::Entity, country::Entity, String> {
        owner: content_country::Column::ContentId,
        owner_of: |l| l.content_id,
        target_of: |l| l.country_iso3.clone(),
        target: country::Column::Iso3,
        key_of: |t| t.iso3.clone(),
        order: country::Column::Name,
    }, &ids, Condition::all())
);

loader!(
    /// Countries co-hosting a peer exchange.
    CohostCountriesOf(i64) -> Vec<country::Model>, |this, ids| relations::linked(&this.db, Link::<exchange_cohost_country::Entity, country::Entity, String> {
        owner: exchange_cohost_country::Column::ExchangeId,
        owner_of: |l| l.exchange_id,
        target_of: |l| l.country_iso3.clone(),
        target: country::Column::Iso3,
        key_of: |t| t.iso3.clone(),
        order: country::Column::Name,
    }, &ids, Condition::all())
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
    SubmissionsOf(i64) -> Vec<review_submission::Model>, |this, ids| relations::grouped::<review_submission::Entity, _, _>(
        &this.db, review_submission::Column::ReviewId, &ids, |s| s.review_id, review_submission::Column::SubmittedOn,
        Condition::all())
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
    RegionByKey(String) -> region::Model, |this, keys| relations::by_keys::<region::Entity, _, _>(
        &this.db, region::Column::Key, &keys, |row| row.key.clone())
);

loader!(
    CountryByCode(String) -> country::Model, |this, keys| relations::by_keys::<country::Entity, _, _>(
        &this.db, country::Column::Iso3, &keys, |row| row.iso3.clone())
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
    SubmissionById(i64) -> review_submission::Model, |this, ids| relations::by_keys::<review_submission::Entity, _, _>(
        &this.db, review_submission::Column::Id, &ids, |row| row.id)
);
