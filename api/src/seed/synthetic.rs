//! Synthetic practices for benchmarks (`hub seed --synthetic N`): varied titles, tags, languages and statuses,
//! inserted in batches of 1,000 reporting progress as they go. Each record passes the rules of the API's writes
//! (`CommonFields::check` and the practice's declared rules, `PracticeOwn::validate`; the references a batch names
//! are checked once per batch with `CommonFields::check_references`), and its practice row is the declared
//! `PracticeOwn::new_row`; only the writing is batched, so that 100,000 records take seconds, not minutes.

use crate::domain::clock;
use crate::error::{AppError, AppResult};
use crate::progress::Progress;
use crate::service::content::editing::{CommonFields, OrganizationLinks};
use crate::service::content::practice::PracticeOwn;
use crate::service::content::tags::{self, Tags};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use futures_util::{StreamExt, stream};
use hub_entity::enums::{
    Completion, ContentKind, GeographicLevel, OrganizationKind, OrganizationRole, ResourceKind, Status, SubmitterKind,
};
use hub_entity::{content, organization, practice, practice_resource, principle, theme};
use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

const BATCH: u64 = 1000;

const SUBJECTS: &[&str] = &[
    "Community case management",
    "Mobile registration",
    "Pre-departure orientation",
    "Skills recognition",
    "Digital remittance transfers",
    "Diaspora co-financing",
    "Municipal one-stop centres",
    "Firewalls between health services and immigration enforcement",
    "Bilateral labour agreements",
    "Consular assistance hotlines",
    "Reintegration grants",
    "Planned relocation",
    "Family-based care",
    "Ethical recruitment monitoring",
    "Multilingual public information",
];
const PURPOSES: &[&str] = &[
    "for migrant workers",
    "for children on the move",
    "for returnees and their communities",
    "for women migrant domestic workers",
    "for people displaced by disasters",
    "in border areas",
    "in secondary cities",
    "during public health emergencies",
];
const OUTCOMES: &[&str] = &[
    "Reported cases of exploitation fell in the districts covered.",
    "Access to primary health care rose among participants.",
    "Participants obtained documents within weeks rather than months.",
    "Recruitment costs paid by workers fell sharply.",
    "Local authorities adopted the approach in their own budgets.",
];

/// What a batch draws from.
struct Vocabulary {
    run: i64,
    countries: Vec<String>,
    regions: HashMap<String, String>,
    principles: Vec<String>,
    themes: Vec<String>,
    organizations: Vec<i64>,
}

/// One batch, generated (and checked) before it is written.
struct Batch {
    rows: Vec<content::ActiveModel>,
    details: Vec<(String, PracticeOwn)>,
    tags: Vec<Tags>,
    /// Every principle, theme, region, country and organization the batch names, checked once when it is written.
    references: CommonFields,
}

/// Batches written at once on PostgreSQL (SQLite has one writer).
const PARALLEL_BATCHES: usize = 4;

/// Generates `count` practices, reporting each written batch to `progress`. The same `seed` gives the same records (slugs are
/// made unique per run). Records come in pairs, an English original and its French or Spanish translation, and have
/// every kind of relation, so that benchmarks and tests exercise them all.
pub async fn generate(db: &DatabaseConnection, count: u64, seed: u64, progress: &dyn Progress) -> AppResult<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let regions = tags::country_regions(db).await?;
    let mut countries: Vec<String> = regions.keys().cloned().collect();
    countries.sort();
    let vocabulary = Vocabulary {
        run: Utc::now().timestamp_millis(),
        countries,
        regions,
        principles: principle::Entity::find().all(db).await?.into_iter().map(|p| p.key).collect(),
        themes: theme::Entity::find().all(db).await?.into_iter().map(|t| t.key).collect(),
        organizations: synthetic_organizations(db).await?,
    };
    progress.start("synthetic practices", count);
    let parallel = if db.get_database_backend() == DbBackend::Postgres { PARALLEL_BATCHES } else { 1 };
    // Batches are generated in order from the one generator, then written concurrently.
    let starts = (0..count).step_by(usize::try_from(BATCH).unwrap_or(1000));
    let mut writes = stream::iter(starts)
        .map(|start| {
            let batch = make_batch(&mut rng, &vocabulary, start, BATCH.min(count - start));
            async move { write_batch(db, batch?).await }
        })
        .buffer_unordered(parallel);
    while let Some(written) = writes.next().await {
        progress.advance(written?);
    }
    progress.finish("synthetic practices written");
    crate::db::settle(db).await?;
    Ok(())
}

fn make_batch(rng: &mut StdRng, v: &Vocabulary, start: u64, size: u64) -> AppResult<Batch> {
    let run = v.run;
    let mut batch =
        Batch { rows: Vec::new(), details: Vec::new(), tags: Vec::new(), references: CommonFields::default() };
    for i in start..start + size {
        let slug = format!("synthetic-{run}-{i}");
        let subject = *SUBJECTS.choose(rng).unwrap_or(&"Practice");
        let purpose = *PURPOSES.choose(rng).unwrap_or(&"");
        let how_many = rng.random_range(1..=2);
        let country: Vec<String> = v.countries.choose_multiple(rng, how_many).cloned().collect();
        let status = match rng.random_range(0..20) {
            0 => Status::Draft,
            1 => Status::Submitted,
            2 => Status::Archived,
            _ => Status::Published,
        };
        let language = match i % 4 {
            0 | 2 => "en",
            1 => "fr",
            _ => "es",
        };
        let started = NaiveDate::from_ymd_opt(rng.random_range(2005..=2024), rng.random_range(1..=12), 1);
        let created =
            Utc.timestamp_opt(1_577_836_800 + rng.random_range(0..180_000_000), 0).single().unwrap_or_default();
        let published =
            (status == Status::Published || status == Status::Archived).then(|| created + Duration::days(7));
        let mut objectives: Vec<i32> = (1..=23).collect();
        objectives.shuffle(rng);
        objectives.truncate(rng.random_range(1..=3));
        let theme_count = rng.random_range(1..=2);
        let roles = [OrganizationRole::Implementer, OrganizationRole::Partner];
        let tags = Tags {
            objectives,
            principles: v.principles.choose_multiple(rng, 2).cloned().collect(),
            themes: v.themes.choose_multiple(rng, theme_count).cloned().collect(),
            regions: tags::regions_of(&country, &v.regions),
            countries: country.clone(),
            organizations: v.organizations.choose_multiple(rng, 2).copied().zip(roles).collect(),
        };
        let common = CommonFields {
            title: Some(format!("{subject} {purpose} in {}", country.join(" and "))),
            summary: Some(format!("{subject} {purpose}. {}", OUTCOMES.choose(rng).unwrap_or(&""))),
            language: Some(language.into()),
            objectives: Some(tags.objectives.clone()),
            principles: Some(tags.principles.clone()),
            themes: Some(tags.themes.clone()),
            regions: Some(tags.regions.clone()),
            countries: Some(tags.countries.clone()),
            ..CommonFields::default()
        };
        let completion = [Completion::Ongoing, Completion::MostlyCompleted, Completion::Completed];
        let own = PracticeOwn {
            description: Some("Generated for benchmarks.".into()),
            submitter_kind: Some(if i % 3 == 0 { SubmitterKind::MemberState } else { SubmitterKind::Stakeholder }),
            geographic_level: Some(GeographicLevel::National),
            start_date: started,
            completion: completion.choose(rng).copied(),
            ..PracticeOwn::default()
        };
        common.check(true)?;
        own.validate(true)?;
        gather(&mut batch.references, &tags);
        batch.rows.push(content::ActiveModel {
            kind: Set(ContentKind::Practice),
            slug: Set(slug.clone()),
            language: Set(language.into()),
            translation_key: Set(format!("practice:synthetic-{run}-{}", i / 2)),
            status: Set(status),
            title: Set(common.title.unwrap_or_default()),
            summary: Set(common.summary.unwrap_or_default()),
            year: Set(started.map(|d| chrono::Datelike::year(&d))),
            owner_sub: Set(None),
            review_note: Set(None),
            published_at: Set(published),
            created_at: Set(created),
            updated_at: Set(published.unwrap_or(created)),
            version: Set(1),
            ..Default::default()
        });
        batch.details.push((slug, own));
        batch.tags.push(tags);
    }
    Ok(batch)
}

/// Adds what a record names to the references of its batch (one set of fields, checked once).
fn gather(references: &mut CommonFields, tags: &Tags) {
    fn merge<T: Clone + Ord>(into: &mut Option<Vec<T>>, values: &[T]) {
        let list = into.get_or_insert_with(Vec::new);
        list.extend_from_slice(values);
        list.sort();
        list.dedup();
    }
    merge(&mut references.principles, &tags.principles);
    merge(&mut references.themes, &tags.themes);
    merge(&mut references.regions, &tags.regions);
    merge(&mut references.countries, &tags.countries);
    let ids: Vec<i64> = tags.organizations.iter().map(|(id, _)| *id).collect();
    match references.organizations.first_mut() {
        Some(links) => {
            links.ids.extend(ids);
            links.ids.sort_unstable();
            links.ids.dedup();
        }
        None => references.organizations.push(OrganizationLinks {
            role: OrganizationRole::Implementer,
            field: "organizations",
            ids,
        }),
    }
}

/// Writes one batch in its own transaction; returns how many practices it wrote.
async fn write_batch(db: &DatabaseConnection, batch: Batch) -> AppResult<u64> {
    let Batch { rows, details, tags, references } = batch;
    let txn = crate::db::write_transaction(db).await?;
    references.check_references(&txn).await?;
    let inserted = content::Entity::insert_many(rows).exec_with_returning(&txn).await?;
    let ids: HashMap<String, i64> = inserted.into_iter().map(|row| (row.slug, row.id)).collect();
    let mut practices = Vec::with_capacity(details.len());
    let mut resources = Vec::with_capacity(details.len());
    let mut linked = Vec::with_capacity(details.len());
    for ((slug, own), tags) in details.into_iter().zip(tags) {
        let id = ids.get(&slug).copied().ok_or_else(|| AppError::Internal(format!("{slug} vanished").into()))?;
        practices.push(own.new_row(id));
        resources.push(practice_resource::ActiveModel {
            practice_id: Set(id),
            position: Set(0),
            title: Set("Project summary".into()),
            url: Set(format!("https://example.org/practices/{slug}")),
            kind: Set(ResourceKind::Document),
            ..Default::default()
        });
        linked.push((id, tags));
    }
    let written = u64::try_from(practices.len()).unwrap_or(0);
    practice::Entity::insert_many(practices).exec_without_returning(&txn).await?;
    practice_resource::Entity::insert_many(resources).exec_without_returning(&txn).await?;
    tags::insert(&txn, &linked).await?;
    let ids: Vec<i64> = linked.iter().map(|(id, _)| *id).collect();
    crate::service::outbox::enqueue(&txn, &ids).await?;
    txn.commit().await?;
    Ok(written)
}

/// A handful of implementers for synthetic practices, created once.
async fn synthetic_organizations(db: &DatabaseConnection) -> AppResult<Vec<i64>> {
    let mut ids = Vec::new();
    for n in 1..=20usize {
        let slug = format!("synthetic-implementer-{n}");
        let found = organization::Entity::find().filter(organization::Column::Slug.eq(&slug)).one(db).await?;
        let id = match found {
            Some(org) => org.id,
            None => {
                let now = clock::now();
                organization::ActiveModel {
                    slug: Set(slug),
                    name: Set(format!("Synthetic implementer {n}")),
                    acronym: Set(None),
                    kind: Set(if n % 2 == 0 { OrganizationKind::CivilSociety } else { OrganizationKind::Government }),
                    country_iso3: Set(["PHL", "MEX", "GHA", "PRT", "NPL"].get(n % 5).map(|c| c.to_string())),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}
