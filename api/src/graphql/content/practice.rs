//! Promising practices: the `Practice` type and its queries.

use crate::domain::kind::RecordType;
use crate::error::AppError;
use crate::graphql::connection::Connection;
use crate::graphql::content::{self, ContentFields, ListFilterFields, ListOrderFields};
use crate::graphql::enums::{Completion, Date, GeographicLevel, ResourceKind, SubmitterKind};
use crate::graphql::id;
use crate::graphql::loaders::{OrganizationsOf, PracticeDetail, ResourcesOf};
use crate::graphql::organization::Organization;
use crate::graphql::search::{NeverNull, SearchNode};
use crate::graphql::{load, load_list};
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use hub_entity::enums::{ContentKind, OrganizationRole};
use hub_entity::{content as row, practice, practice_resource};

/// Filters on practices: AND across fields, OR within a list.
#[derive(InputObject, Default, Debug)]
pub struct PracticeFilter {
    #[graphql(flatten)]
    pub fields: ListFilterFields,
}

/// How to order practices.
#[derive(InputObject, Default, Debug, Clone, Copy)]
pub struct PracticeOrder {
    #[graphql(flatten)]
    pub fields: ListOrderFields,
}

/// A promising practice shared by a Member State or a stakeholder.
#[derive(Clone)]
pub struct Practice(pub row::Model);

impl Practice {
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        role: OrganizationRole,
    ) -> async_graphql::Result<Vec<Organization>> {
        let all = load_list(ctx, OrganizationsOf(self.0.id), |entry| entry).await?;
        Ok(all.into_iter().filter(|(r, _)| *r == role).map(|(_, org)| Organization(org)).collect())
    }
}

#[Object]
impl Practice {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::PRACTICE, self.0.id)
    }

    #[graphql(flatten)]
    async fn common(&self) -> ContentFields {
        ContentFields(self.0.clone())
    }

    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<PracticeDetails> {
        let detail = load(ctx, PracticeDetail(self.0.id)).await?;
        Ok(detail.ok_or(AppError::NotFound("practice details"))?.into())
    }

    async fn main_implementer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        Ok(self.organizations(ctx, OrganizationRole::Implementer).await?.into_iter().next())
    }

    async fn partners(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
        self.organizations(ctx, OrganizationRole::Partner).await
    }

    async fn resources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Resource>> {
        load_list(ctx, ResourcesOf(self.0.id), Resource::from).await
    }

    /// What happened to the record, oldest first (editors).
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<crate::graphql::audit::AuditEvent>> {
        crate::graphql::audit::history(ctx, self.0.id).await
    }

    /// The reviewer's note of the last change request (editors and the practice's owner).
    async fn review_note(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let viewer = &crate::graphql::request(ctx)?.viewer;
        let allowed = viewer.role >= crate::domain::viewer::Role::Editor || viewer.owns(&self.0);
        Ok(self.0.review_note.clone().filter(|_| allowed))
    }

    /// The same practice in other languages.
    async fn translations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Practice>> {
        content::translations(ctx, &self.0, Practice).await
    }

    /// Published records like this one (of any type), by shared objectives, themes, countries and words, best
    /// first; never this record nor its translations. `first`: 1 to 20.
    async fn related(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "Some(5)")] first: Option<i32>,
    ) -> async_graphql::Result<Vec<NeverNull<SearchNode>>> {
        crate::graphql::search::related(ctx, &self.0, first).await
    }
}

/// The fields only a practice has (flattened into `Practice`).
#[derive(SimpleObject)]
pub struct PracticeDetails {
    description: String,
    /// How the practice was put in place.
    implementation: Option<String>,
    /// Outcomes and impact.
    results: Option<String>,
    lessons_learned: Option<String>,
    enabling_factors: Option<String>,
    challenges: Option<String>,
    /// What another country or city would need to replicate it.
    replicability: Option<String>,
    submitter_kind: SubmitterKind,
    geographic_level: GeographicLevel,
    start_date: Option<Date>,
    end_date: Option<Date>,
    completion: Completion,
    /// The call for practices the record answered, if any.
    call_for_practices: Option<String>,
}

impl From<practice::Model> for PracticeDetails {
    fn from(m: practice::Model) -> Self {
        PracticeDetails {
            description: m.description,
            implementation: m.implementation,
            results: m.results,
            lessons_learned: m.lessons_learned,
            enabling_factors: m.enabling_factors,
            challenges: m.challenges,
            replicability: m.replicability,
            submitter_kind: m.submitter_kind.into(),
            geographic_level: m.geographic_level.into(),
            start_date: m.start_date.map(Date),
            end_date: m.end_date.map(Date),
            completion: m.completion.into(),
            call_for_practices: m.call_for_practices,
        }
    }
}

/// A document, site, video or dataset about a practice.
#[derive(SimpleObject, Clone)]
pub struct Resource {
    pub title: String,
    pub url: String,
    pub kind: ResourceKind,
}

impl From<practice_resource::Model> for Resource {
    fn from(model: practice_resource::Model) -> Self {
        Resource { title: model.title, url: model.url, kind: model.kind.into() }
    }
}

#[derive(Default)]
pub struct PracticeQuery;

#[Object]
impl PracticeQuery {
    /// Promising practices, newest first unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    async fn practices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<PracticeFilter>,
        order_by: Option<PracticeOrder>,
    ) -> async_graphql::Result<Connection<Practice>> {
        let args = PageArgs { first, after, last, before };
        let (filter, order) = (filter.unwrap_or_default().fields, order_by.unwrap_or_default().fields);
        content::list(ctx, ContentKind::Practice, args, filter, order, Practice).await
    }

    /// One practice by id or slug; null when there is none the caller may read.
    async fn practice(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<Practice>> {
        content::one(ctx, ContentKind::Practice, id, slug, Practice).await
    }
}
