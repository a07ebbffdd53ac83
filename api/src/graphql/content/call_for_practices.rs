//! What only a call for practices has (the `CallForPractices` type and its queries are made in `record`): its own
//! fields from its declaration, and where it stands, derived from its dates.

use crate::domain::clock;
use crate::error::AppError;
use crate::graphql::enums::Date;
use crate::graphql::load;
use crate::graphql::loaders::CallDetail;
use crate::service::content::call_for_practices::{self as calls, CallOwn};
use async_graphql::{Context, Enum, Object};
use chrono::{DateTime, Utc};
use hub_entity::call_for_practices as call;
use hub_entity::content as row;

/// Where a call stands, from its dates: never stored.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "crate::service::content::call_for_practices::Phase")]
pub enum CallStatus {
    /// Before `opensOn`.
    Upcoming,
    /// From `opensOn` to the end of `deadline` in `timeZone`, unless an editor closed it early.
    Open,
    /// After its deadline, or closed early.
    Closed,
}

/// What only a call has, flattened into `CallForPractices`.
pub struct CallForPracticesExtras(pub row::Model);

impl CallForPracticesExtras {
    async fn detail(&self, ctx: &Context<'_>) -> async_graphql::Result<call::Model> {
        Ok(load(ctx, CallDetail(self.0.id)).await?.ok_or(AppError::NotFound("call for practices details"))?)
    }
}

#[Object]
impl CallForPracticesExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<CallForPracticesDetails> {
        Ok(self.detail(ctx).await?.into())
    }

    /// `UPCOMING`, `OPEN` or `CLOSED`, from the dates and the time zone at the time of asking.
    async fn status(&self, ctx: &Context<'_>) -> async_graphql::Result<CallStatus> {
        Ok(calls::phase(&self.detail(ctx).await?, clock::now()).into())
    }

    /// The instant the call stops taking answers: the end of `deadline` in `timeZone`, or when it was closed early.
    async fn closes_at(&self, ctx: &Context<'_>) -> async_graphql::Result<DateTime<Utc>> {
        Ok(calls::closes_at(&self.detail(ctx).await?))
    }

    /// When an editor closed the call before its deadline; null otherwise.
    async fn closed_early_at(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DateTime<Utc>>> {
        Ok(self.detail(ctx).await?.closed_at)
    }
}

crate::call_for_practices_own!(graphql_own);
