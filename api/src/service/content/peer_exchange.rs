//! A peer-learning exchange's own fields (editors write exchanges): series, format, dates, co-hosts,
//! participation, the Chatham House rule, outcomes and the practices and tools it relates to.

use crate::domain::text::YEARS;
use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details, set_given};
use crate::service::content::tags;
use crate::service::validate;
use chrono::{DateTime, Datelike, Utc};
use hub_entity::enums::{ContentKind, ExchangeFormat, Participation};
use hub_entity::{content, country, exchange_cohost_country, exchange_related, peer_exchange};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// The editable fields of a peer exchange; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct ExchangeFields {
    pub common: CommonFields,
    pub series: Option<String>,
    pub number: Option<i32>,
    pub format: Option<ExchangeFormat>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub working_group: Option<String>,
    pub participation: Option<Participation>,
    pub chatham_house: Option<bool>,
    pub outcomes: Option<String>,
    /// ISO 3166-1 alpha-3 codes.
    pub co_host_countries: Option<Vec<String>>,
    /// Practices and guidance tools (content ids).
    pub related: Option<Vec<i64>>,
}

fn check_dates(starts_at: Option<DateTime<Utc>>, ends_at: Option<DateTime<Utc>>) -> AppResult<()> {
    for (at, field) in [(starts_at, "startsAt"), (ends_at, "endsAt")] {
        if at.is_some_and(|at| !YEARS.contains(&at.year())) {
            let message = format!("`{field}` must fall from {} to {}", YEARS.start(), YEARS.end());
            return Err(AppError::bad_input(field, message));
        }
    }
    match (starts_at, ends_at) {
        (Some(start), Some(end)) if end < start => Err(AppError::bad_input("endsAt", "`endsAt` is before `startsAt`")),
        _ => Ok(()),
    }
}

impl ExchangeFields {
    fn hosts(&self) -> Vec<String> {
        self.co_host_countries.iter().flatten().map(|c| c.trim().to_ascii_uppercase()).collect()
    }

    /// Replaces the co-host countries and related records the fields give.
    async fn replace_links(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        if self.co_host_countries.is_some() {
            exchange_cohost_country::Entity::delete_many()
                .filter(exchange_cohost_country::Column::ExchangeId.eq(id))
                .exec(txn)
                .await?;
        }
        if self.related.is_some() {
            exchange_related::Entity::delete_many()
                .filter(exchange_related::Column::ExchangeId.eq(id))
                .exec(txn)
                .await?;
        }
        tags::insert_exchange(txn, id, &self.hosts(), self.related.as_deref().unwrap_or_default()).await
    }
}

impl Details for ExchangeFields {
    const KIND: ContentKind = ContentKind::PeerExchange;
    const AUTHOR: Role = Role::Editor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        self.starts_at.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        if creating {
            validate::required(&self.format, "format")?;
            validate::required(&self.starts_at, "startsAt")?;
            check_dates(self.starts_at, self.ends_at)?;
        }
        validate::text(self.series.as_deref(), "series", 1, 200)?;
        validate::text(self.working_group.as_deref(), "workingGroup", 1, 300)?;
        validate::text(self.outcomes.as_deref(), "outcomes", 0, 20000)?;
        if self.number.is_some_and(|n| n < 1) {
            return Err(AppError::bad_input("number", "`number` starts at 1"));
        }
        validate::list(self.co_host_countries.as_deref(), "coHostCountries")?;
        validate::list(self.related.as_deref(), "related")?;
        validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, &self.hosts(), "coHostCountries").await?;
        let related = self.related.as_deref().unwrap_or_default();
        validate::exist::<content::Entity, _, _>(db, content::Column::Id, related, "related").await
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        peer_exchange::ActiveModel {
            content_id: Set(id),
            series: Set(self.series.clone()),
            number: Set(self.number),
            format: Set(self.format.unwrap_or(ExchangeFormat::Virtual)),
            starts_at: Set(self.starts_at.unwrap_or_default()),
            ends_at: Set(self.ends_at),
            working_group: Set(self.working_group.clone()),
            participation: Set(self.participation.unwrap_or(Participation::Open)),
            chatham_house: Set(self.chatham_house.unwrap_or(false)),
            outcomes: Set(self.outcomes.clone()),
        }
        .insert(txn)
        .await?;
        self.replace_links(txn, id).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current =
            peer_exchange::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("peer exchange"))?;
        check_dates(Some(self.starts_at.unwrap_or(current.starts_at)), self.ends_at.or(current.ends_at))?;
        let mut detail: peer_exchange::ActiveModel = current.into();
        for (value, column) in [
            (&self.series, &mut detail.series),
            (&self.working_group, &mut detail.working_group),
            (&self.outcomes, &mut detail.outcomes),
        ] {
            set_given(&value.clone().map(Some), column);
        }
        set_given(&self.number.map(Some), &mut detail.number);
        set_given(&self.format, &mut detail.format);
        set_given(&self.starts_at, &mut detail.starts_at);
        set_given(&self.ends_at.map(Some), &mut detail.ends_at);
        set_given(&self.participation, &mut detail.participation);
        set_given(&self.chatham_house, &mut detail.chatham_house);
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        self.replace_links(txn, id).await
    }
}
