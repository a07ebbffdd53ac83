//! A peer-learning exchange's own fields (editors write exchanges): series, format, dates, co-hosts,
//! participation, the Chatham House rule, outcomes and the practices and tools it relates to.

use crate::domain::text::YEARS;
use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details};
use crate::service::content::tags;
use crate::service::validate;
use chrono::{DateTime, Datelike, Utc};
use hub_entity::enums::{ContentKind, ExchangeFormat, Participation};
use hub_entity::{content, country, exchange_cohost_country, exchange_related, peer_exchange};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};

/// A peer exchange's own columns, declared once (the grammar is in `service::content::own`).
#[macro_export]
macro_rules! peer_exchange_own {
    ($expand:ident) => {
        $crate::$expand! {
            ExchangeOwn, PeerExchangeDetails, PeerExchangeOwnInput, peer_exchange [];
            series: String = null [text(1, 200)],
            /// Its number within the series (1 and up).
            number: i32 = null [at_least(1)],
            /// Virtual, in person or hybrid (required on create).
            format: ExchangeFormat = (ExchangeFormat::Virtual) [required],
            /// When it starts (required on create).
            starts_at: DateTime<Utc> = (DateTime::<Utc>::default()) [required],
            ends_at: DateTime<Utc> = null [],
            /// The Network working group organizing it.
            working_group: String = null [text(1, 300)],
            participation: Participation = (Participation::Open) [],
            /// Whether the Chatham House rule applies to what is said.
            chatham_house: bool = (false) [],
            outcomes: String = null [text(0, 20000)],
        }
    };
}

crate::peer_exchange_own!(service_own);

/// The editable fields of a peer exchange; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct ExchangeFields {
    pub common: CommonFields,
    pub own: ExchangeOwn,
    /// Co-hosting countries (ISO 3166-1 alpha-3).
    pub co_host_countries: Option<Vec<String>>,
    /// Related practices and guidance tools.
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
        self.own.starts_at.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        if creating {
            check_dates(self.own.starts_at, self.own.ends_at)?;
        }
        validate::list(self.co_host_countries.as_deref(), "coHostCountries")?;
        validate::list(self.related.as_deref(), "related")?;
        validate::exist::<country::Entity, _, _>(db, country::Column::Iso3, &self.hosts(), "coHostCountries").await?;
        let related = self.related.as_deref().unwrap_or_default();
        validate::exist::<content::Entity, _, _>(db, content::Column::Id, related, "related").await
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        self.own.new_row(id).insert(txn).await?;
        self.replace_links(txn, id).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current =
            peer_exchange::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("peer exchange"))?;
        check_dates(Some(self.own.starts_at.unwrap_or(current.starts_at)), self.own.ends_at.or(current.ends_at))?;
        let mut detail: peer_exchange::ActiveModel = current.into();
        self.own.apply(&mut detail);
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        self.replace_links(txn, id).await
    }
}
