//! Organization mutations (editors): add, edit, remove.

use super::content::input::DeletePayload;
use super::enums::OrganizationKind;
use super::id;
use super::organization::Organization;
use super::{RoleGuard, db, request};
use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::service::organization::{self, OrganizationFields};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

/// A new organization.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-3, for national organizations.
    pub country: Option<String>,
}

/// Changes to an organization; omitted fields stay as they are, `null` clears `acronym` or `country`.
#[derive(InputObject, Default)]
pub struct UpdateOrganizationInput {
    pub name: Option<String>,
    pub acronym: MaybeUndefined<String>,
    pub kind: Option<OrganizationKind>,
    pub country: MaybeUndefined<String>,
}

#[derive(SimpleObject)]
pub struct OrganizationPayload {
    pub organization: Organization,
}

#[derive(Default)]
pub struct OrganizationMutation;

#[Object]
impl OrganizationMutation {
    /// Adds an organization (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganizationInput,
    ) -> async_graphql::Result<OrganizationPayload> {
        let fields = OrganizationFields {
            name: Some(input.name),
            acronym: Some(input.acronym),
            kind: Some(input.kind.into()),
            country: Some(input.country),
        };
        let row = organization::create(db(ctx)?, &request(ctx)?.viewer, fields).await?;
        Ok(OrganizationPayload { organization: Organization(row) })
    }

    /// Edits an organization at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: UpdateOrganizationInput,
    ) -> async_graphql::Result<OrganizationPayload> {
        let id = id::decode_as(&id, RecordType::Organization, "id")?;
        let fields = OrganizationFields {
            name: input.name,
            acronym: input.acronym.into(),
            kind: input.kind.map(Into::into),
            country: input.country.into(),
        };
        let row = organization::update(db(ctx)?, &request(ctx)?.viewer, id, version, fields).await?;
        Ok(OrganizationPayload { organization: Organization(row) })
    }

    /// Removes an organization that no record names (editors); one still named is `CONFLICT`.
    #[graphql(guard = "RoleGuard(Role::Editor)")]
    async fn delete_organization(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeletePayload> {
        let row = id::decode_as(&id, RecordType::Organization, "id")?;
        organization::delete(db(ctx)?, &request(ctx)?.viewer, row).await?;
        Ok(DeletePayload { deleted_id: id })
    }
}
