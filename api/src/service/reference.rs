//! Reading the reference lists: objectives, principles, regions, countries, themes, regional reviews.

use crate::error::AppResult;
use hub_entity::{country, objective, principle, region, regional_review, theme};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn objectives<C: ConnectionTrait>(db: &C) -> AppResult<Vec<objective::Model>> {
    Ok(objective::Entity::find().order_by_asc(objective::Column::Number).all(db).await?)
}

pub async fn principles<C: ConnectionTrait>(db: &C) -> AppResult<Vec<principle::Model>> {
    Ok(principle::Entity::find().order_by_asc(principle::Column::Position).all(db).await?)
}

pub async fn regions<C: ConnectionTrait>(db: &C) -> AppResult<Vec<region::Model>> {
    Ok(region::Entity::find().order_by_asc(region::Column::Position).all(db).await?)
}

pub async fn themes<C: ConnectionTrait>(db: &C) -> AppResult<Vec<theme::Model>> {
    Ok(theme::Entity::find().order_by_asc(theme::Column::Position).all(db).await?)
}

/// Countries by name; champions only when asked (then ordered by when they became champions).
pub async fn countries<C: ConnectionTrait>(db: &C, champions_only: bool) -> AppResult<Vec<country::Model>> {
    let mut query = country::Entity::find();
    if champions_only {
        query = query.filter(country::Column::IsChampion.eq(true)).order_by_asc(country::Column::ChampionSince);
    }
    Ok(query.order_by_asc(country::Column::Name).all(db).await?)
}

pub async fn regional_reviews<C: ConnectionTrait>(db: &C) -> AppResult<Vec<regional_review::Model>> {
    Ok(regional_review::Entity::find().order_by_asc(regional_review::Column::Id).all(db).await?)
}
