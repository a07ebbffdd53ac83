//! What the content mutations share: the common input fields (flattened into each type's inputs), the delete
//! payload, and the resolver bodies of the workflow moves.

use crate::domain::kind::RecordType;
use crate::error::AppResult;
use crate::graphql::id;
use crate::graphql::{db, request};
use crate::service::content::editing::{self, CommonFields, OrganizationLinks};
use crate::service::content::review::Review;
use crate::service::content::workflow::{self, Transition};
use async_graphql::{Context, ID, InputObject, SimpleObject};
use hub_entity::content;
use hub_entity::enums::{ContentKind, OrganizationRole};

/// The shared fields of a new practice, guidance tool or peer exchange.
#[derive(InputObject)]
pub struct NewContentInput {
    pub title: String,
    pub summary: String,
    /// BCP 47 tag; `en` when omitted.
    pub language: Option<String>,
    /// The record (of the same type) this one translates; the two then list each other in `translations`.
    pub translation_of: Option<ID>,
}

/// Changes to the shared fields; omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct ContentChangesInput {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub language: Option<String>,
}

/// Tags by plain key; a given list replaces the old one, an omitted one stays.
#[derive(InputObject, Default)]
pub struct TagsInput {
    /// Objective numbers (1 to 23).
    pub objectives: Option<Vec<i32>>,
    /// Principle keys.
    pub principles: Option<Vec<String>>,
    /// Theme keys.
    pub themes: Option<Vec<String>>,
    /// Region keys.
    pub regions: Option<Vec<String>>,
    /// ISO 3166-1 alpha-3 codes.
    pub countries: Option<Vec<String>>,
}

/// The id of a deleted record.
#[derive(SimpleObject)]
pub struct DeletePayload {
    pub deleted_id: ID,
}

/// The organizations of one role, by global id.
pub fn organizations(
    role: OrganizationRole,
    field: &'static str,
    ids: Option<&[ID]>,
) -> AppResult<Option<OrganizationLinks>> {
    let Some(ids) = ids else { return Ok(None) };
    let ids = ids.iter().map(|id| id::decode_as(id, RecordType::Organization, field)).collect::<AppResult<Vec<_>>>()?;
    Ok(Some(OrganizationLinks { role, field, ids }))
}

/// The row id of a content record's global id, which must be of `kind`.
pub fn content_id(id: &ID, kind: ContentKind, field: &str) -> AppResult<i64> {
    id::decode_as(id, RecordType::Content(kind), field)
}

impl TagsInput {
    fn into_fields(self, fields: &mut CommonFields) {
        fields.objectives = self.objectives;
        fields.principles = self.principles;
        fields.themes = self.themes;
        fields.regions = self.regions;
        fields.countries = self.countries;
    }
}

/// The common fields of a create mutation.
pub fn new_fields(kind: ContentKind, content: NewContentInput, tags: TagsInput) -> AppResult<CommonFields> {
    let mut fields = CommonFields {
        title: Some(content.title),
        summary: Some(content.summary),
        language: content.language,
        translation_of: content.translation_of.as_ref().map(|id| content_id(id, kind, "translationOf")).transpose()?,
        ..CommonFields::default()
    };
    tags.into_fields(&mut fields);
    Ok(fields)
}

/// The common fields of an update mutation.
pub fn changed_fields(content: ContentChangesInput, tags: TagsInput) -> CommonFields {
    let mut fields = CommonFields {
        title: content.title,
        summary: content.summary,
        language: content.language,
        ..CommonFields::default()
    };
    tags.into_fields(&mut fields);
    fields
}

/// Runs a workflow move on a record of `kind` for the caller.
pub async fn transition(
    ctx: &Context<'_>,
    kind: ContentKind,
    id: &ID,
    move_: Transition,
    note: Option<String>,
    review: Option<&Review>,
) -> async_graphql::Result<content::Model> {
    let id = content_id(id, kind, "id")?;
    Ok(workflow::apply(db(ctx)?, &request(ctx)?.viewer, kind, id, move_, note, review).await?)
}

/// Deletes a draft of `kind` for the caller (or takes any record down, for admins).
pub async fn delete(ctx: &Context<'_>, kind: ContentKind, id: &ID) -> async_graphql::Result<DeletePayload> {
    let deleted = editing::delete(db(ctx)?, &request(ctx)?.viewer, kind, content_id(id, kind, "id")?).await?;
    Ok(DeletePayload { deleted_id: id::encode(RecordType::Content(kind), deleted) })
}
