//! Batch reads behind the GraphQL DataLoaders: each call costs a fixed number of statements, whatever the number of
//! keys, so a page of 100 records with all their relations costs what a page of 5 does.

use crate::error::AppResult;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::hash::Hash;

/// Rows whose `column` is one of `keys`, by key (one statement).
pub async fn by_keys<E, K, C>(
    db: &C,
    column: E::Column,
    keys: &[K],
    key_of: impl Fn(&E::Model) -> K,
) -> AppResult<HashMap<K, E::Model>>
where
    E: EntityTrait,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = E::find().filter(column.is_in(keys.iter().cloned())).all(db).await?;
    Ok(rows.into_iter().map(|row| (key_of(&row), row)).collect())
}

/// A whole (small, reference) table by key (one statement).
pub async fn all<E, K, C>(db: &C, key_of: impl Fn(&E::Model) -> K) -> AppResult<HashMap<K, E::Model>>
where
    E: EntityTrait,
    K: Eq + Hash,
    C: ConnectionTrait,
{
    Ok(E::find().all(db).await?.into_iter().map(|row| (key_of(&row), row)).collect())
}

/// Rows whose `column` is one of `keys`, grouped by key and sorted by `order` (one statement).
pub async fn grouped<E, K, C>(
    db: &C,
    column: E::Column,
    keys: &[K],
    key_of: impl Fn(&E::Model) -> K,
    order: E::Column,
    extra: Condition,
) -> AppResult<HashMap<K, Vec<E::Model>>>
where
    E: EntityTrait,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    let mut groups: HashMap<K, Vec<E::Model>> = HashMap::new();
    if keys.is_empty() {
        return Ok(groups);
    }
    let rows = E::find().filter(column.is_in(keys.iter().cloned())).filter(extra).order_by_asc(order).all(db).await?;
    for row in rows {
        groups.entry(key_of(&row)).or_default().push(row);
    }
    Ok(groups)
}

/// How a link table joins an owner to a target.
pub struct Link<L: EntityTrait, T: EntityTrait, K> {
    pub owner: L::Column,
    pub owner_of: fn(&L::Model) -> i64,
    pub target_of: fn(&L::Model) -> K,
    pub target: T::Column,
    pub key_of: fn(&T::Model) -> K,
    pub order: T::Column,
}

/// The targets linked to each owner id through a link table, sorted by the link's `order` (two statements).
/// `visible` narrows the targets (content targets obey the viewer's visibility).
pub async fn linked<L, T, K, C>(
    db: &C,
    link: Link<L, T, K>,
    owners: &[i64],
    visible: Condition,
) -> AppResult<HashMap<i64, Vec<T::Model>>>
where
    L: EntityTrait,
    T: EntityTrait,
    T::Model: Clone,
    K: Into<sea_orm::Value> + Eq + Hash + Clone,
    C: ConnectionTrait,
{
    let mut result: HashMap<i64, Vec<T::Model>> = HashMap::new();
    if owners.is_empty() {
        return Ok(result);
    }
    let links = L::find().filter(link.owner.is_in(owners.iter().copied())).all(db).await?;
    let mut keys: Vec<K> = links.iter().map(link.target_of).collect();
    keys.dedup();
    if keys.is_empty() {
        return Ok(result);
    }
    let targets = T::find().filter(link.target.is_in(keys)).filter(visible).order_by_asc(link.order).all(db).await?;
    let position: HashMap<K, usize> =
        targets.iter().enumerate().map(|(index, target)| ((link.key_of)(target), index)).collect();
    for row in &links {
        if let Some(target) = position.get(&(link.target_of)(row)).and_then(|&index| targets.get(index)) {
            result.entry((link.owner_of)(row)).or_default().push(target.clone());
        }
    }
    for list in result.values_mut() {
        list.sort_by_key(|target| position.get(&(link.key_of)(target)).copied().unwrap_or(usize::MAX));
    }
    Ok(result)
}
