//! The GCM regional reviews: listed here (the `RegionalReview` type sits with the content types in
//! `content::record`, since it lists its submissions, which are content records).

use super::content::record::RegionalReview;
use super::db;
use crate::service::reference;
use async_graphql::{Context, Object};

#[derive(Default)]
pub struct RegionalReviewQuery;

#[Object]
impl RegionalReviewQuery {
    /// The five regional review processes.
    async fn regional_reviews(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<RegionalReview>> {
        Ok(reference::regional_reviews(db(ctx)?).await?.into_iter().map(RegionalReview).collect())
    }
}
