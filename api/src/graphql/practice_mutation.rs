//! Practice mutations: create and edit drafts, move them along the workflow, delete drafts.

use super::enums::{Completion, Date, GeographicLevel, SubmitterKind};
use super::id::{self, NodeType};
use super::practice::Practice;
use super::{db, request};
use crate::error::AppResult;
use crate::service::practices::{self, PracticeFields};
use crate::service::workflow::{self, Transition};
use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

/// A new practice; it starts as a draft owned by the caller.
#[derive(InputObject)]
pub struct CreatePracticeInput {
    pub title: String,
    pub summary: String,
    pub description: String,
    /// BCP 47 tag; `en` when omitted.
    pub language: Option<String>,
    pub implementation: Option<String>,
    pub results: Option<String>,
    pub lessons_learned: Option<String>,
    pub submitter_kind: Option<SubmitterKind>,
    pub geographic_level: Option<GeographicLevel>,
    pub completion: Option<Completion>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    /// Objective numbers (1 to 23).
    pub objectives: Option<Vec<i32>>,
    /// Principle keys.
    pub principles: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes.
    pub countries: Option<Vec<String>>,
    pub main_implementer: Option<ID>,
    pub partners: Option<Vec<ID>>,
}

/// Changes to a practice; omitted fields stay as they are, given lists replace the old ones.
#[derive(InputObject, Default)]
pub struct UpdatePracticeInput {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub implementation: Option<String>,
    pub results: Option<String>,
    pub lessons_learned: Option<String>,
    pub submitter_kind: Option<SubmitterKind>,
    pub geographic_level: Option<GeographicLevel>,
    pub completion: Option<Completion>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub objectives: Option<Vec<i32>>,
    pub principles: Option<Vec<String>>,
    pub themes: Option<Vec<String>>,
    pub regions: Option<Vec<String>>,
    pub countries: Option<Vec<String>>,
    pub main_implementer: Option<ID>,
    pub partners: Option<Vec<ID>>,
}

fn organization(id: &ID, field: &str) -> AppResult<i64> {
    id::decode_as(id, NodeType::Organization, field)
}

impl TryFrom<UpdatePracticeInput> for PracticeFields {
    type Error = crate::error::AppError;

    fn try_from(input: UpdatePracticeInput) -> AppResult<Self> {
        Ok(PracticeFields {
            title: input.title,
            summary: input.summary,
            description: input.description,
            language: input.language,
            implementation: input.implementation,
            results: input.results,
            lessons_learned: input.lessons_learned,
            submitter_kind: input.submitter_kind.map(Into::into),
            geographic_level: input.geographic_level.map(Into::into),
            completion: input.completion.map(Into::into),
            start_date: input.start_date.map(|d| d.0),
            end_date: input.end_date.map(|d| d.0),
            objectives: input.objectives,
            principles: input.principles,
            themes: input.themes,
            regions: input.regions,
            countries: input.countries,
            main_implementer: input
                .main_implementer
                .as_ref()
                .map(|id| organization(id, "mainImplementer"))
                .transpose()?,
            partners: input
                .partners
                .map(|ids| ids.iter().map(|id| organization(id, "partners")).collect::<AppResult<Vec<_>>>())
                .transpose()?,
        })
    }
}

impl From<CreatePracticeInput> for UpdatePracticeInput {
    fn from(input: CreatePracticeInput) -> Self {
        UpdatePracticeInput {
            title: Some(input.title),
            summary: Some(input.summary),
            description: Some(input.description),
            language: input.language,
            implementation: input.implementation,
            results: input.results,
            lessons_learned: input.lessons_learned,
            submitter_kind: input.submitter_kind,
            geographic_level: input.geographic_level,
            completion: input.completion,
            start_date: input.start_date,
            end_date: input.end_date,
            objectives: input.objectives,
            principles: input.principles,
            themes: input.themes,
            regions: input.regions,
            countries: input.countries,
            main_implementer: input.main_implementer,
            partners: input.partners,
        }
    }
}

#[derive(SimpleObject)]
pub struct PracticePayload {
    pub practice: Practice,
}

#[derive(SimpleObject)]
pub struct DeletePracticePayload {
    pub deleted_id: ID,
}

#[derive(Default)]
pub struct PracticeMutation;

fn practice_id(id: &ID) -> AppResult<i64> {
    id::decode_as(id, NodeType::Practice, "id")
}

async fn transition(
    ctx: &Context<'_>,
    id: &ID,
    move_: Transition,
    note: Option<String>,
) -> async_graphql::Result<PracticePayload> {
    let row = workflow::apply(db(ctx)?, &request(ctx)?.viewer, practice_id(id)?, move_, note).await?;
    Ok(PracticePayload { practice: Practice(row) })
}

#[Object]
impl PracticeMutation {
    /// Creates a draft practice owned by the caller (contributors and up).
    async fn create_practice(
        &self,
        ctx: &Context<'_>,
        input: CreatePracticeInput,
    ) -> async_graphql::Result<PracticePayload> {
        let fields = PracticeFields::try_from(UpdatePracticeInput::from(input))?;
        let row = practices::create(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(PracticePayload { practice: Practice(row) })
    }

    /// Edits a practice at `version` (the one the caller read); a stale version is `CONFLICT`.
    async fn update_practice(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdatePracticeInput,
    ) -> async_graphql::Result<PracticePayload> {
        let fields = PracticeFields::try_from(input)?;
        let row = practices::update(db(ctx)?, &request(ctx)?.viewer, practice_id(&id)?, version, fields).await?;
        Ok(PracticePayload { practice: Practice(row) })
    }

    /// Sends a draft (or a practice with requested changes) for review.
    async fn submit_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Submit, None).await
    }

    /// Returns a submitted practice to its submitter with a note (editors).
    async fn request_practice_changes(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: String,
    ) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::RequestChanges, Some(note)).await
    }

    /// Publishes a submitted practice (editors).
    async fn publish_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Publish, None).await
    }

    /// Archives a published practice (editors).
    async fn archive_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PracticePayload> {
        transition(ctx, &id, Transition::Archive, None).await
    }

    /// Deletes a draft.
    async fn delete_practice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePracticePayload> {
        let deleted = practices::delete(db(ctx)?, &request(ctx)?.viewer, practice_id(&id)?).await?;
        Ok(DeletePracticePayload { deleted_id: id::encode(NodeType::Practice, deleted) })
    }
}
