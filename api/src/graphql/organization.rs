//! Organizations: implementers, partners, publishers and co-hosts.

use super::connection::{Connection, Counter};
use super::enums::OrganizationKind;
use super::id;
use super::reference::Country;
use super::{db, tables};
use crate::domain::kind::RecordType;
use crate::service::organization::OrganizationFilter as Filter;
use crate::service::page::PageArgs;
use async_graphql::{Context, ID, InputObject, Object};
use hub_entity::organization;
use std::sync::Arc;

#[derive(Clone)]
pub struct Organization(pub organization::Model);

#[Object]
impl Organization {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::Organization, self.0.id)
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn acronym(&self) -> Option<&str> {
        self.0.acronym.as_deref()
    }

    async fn kind(&self) -> OrganizationKind {
        self.0.kind.into()
    }

    /// Where the organization is based, when it is national.
    async fn country(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Country>> {
        match &self.0.country_iso3 {
            Some(code) => Ok(tables(ctx)?.countries([code.clone()]).await?.pop().map(Country)),
            None => Ok(None),
        }
    }
}

#[derive(InputObject, Default)]
pub struct OrganizationFilter {
    pub kinds: Option<Vec<OrganizationKind>>,
    /// Case-insensitive part of the name or acronym.
    pub name_contains: Option<String>,
}

#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// Organizations by name.
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
        filter: Option<OrganizationFilter>,
    ) -> async_graphql::Result<Connection<Organization>> {
        let db = db(ctx)?.clone();
        let input = filter.unwrap_or_default();
        let filter = Filter {
            kinds: input.kinds.map(|kinds| kinds.into_iter().map(Into::into).collect()),
            name_contains: input.name_contains,
        };
        let page = filter.page(&db, &PageArgs { first, after, last, before }).await?;
        let counter: Counter = Arc::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            Box::pin(async move { filter.count(&db).await })
        });
        Ok(Connection::new(page, Organization, counter))
    }
}
