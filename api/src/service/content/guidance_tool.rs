//! A guidance tool's own fields (editors write tools): kind, audience, scope, publication date, the regional review
//! it belongs to and its URL per language.

use crate::domain::viewer::Role;
use crate::error::{AppError, AppResult};
use crate::service::content::editing::{CommonFields, Details, set_given};
use crate::service::validate;
use chrono::{Datelike, NaiveDate as Date};
use hub_entity::enums::{ContentKind, ToolKind};
use hub_entity::{guidance_tool, guidance_tool_link, regional_review};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, Set};

/// A guidance tool's own columns, declared once (the grammar is in `service::content::own`).
#[macro_export]
macro_rules! guidance_tool_own {
    ($expand:ident) => {
        $crate::$expand! {
            ToolOwn, GuidanceToolDetails, GuidanceToolOwnInput, guidance_tool [regional_review_id];
            /// What kind of tool it is (required on create).
            tool_kind: ToolKind = (ToolKind::GuidanceNote) [required],
            target_audience: String = null [text(1, 300)],
            geographic_scope: String = null [text(1, 300)],
            /// The Network working group that produced it.
            working_group: String = null [text(1, 300)],
            publication_date: Date = null [],
        }
    };
}

crate::guidance_tool_own!(service_own);

/// The editable fields of a guidance tool; `None` leaves a field as it is on update.
#[derive(Debug, Clone, Default)]
pub struct ToolFields {
    pub common: CommonFields,
    pub own: ToolOwn,
    pub regional_review: Option<i64>,
    /// `(language, url)`: one URL per language.
    pub links: Option<Vec<(String, String)>>,
}

async fn replace_links(txn: &DatabaseTransaction, id: i64, links: &Option<Vec<(String, String)>>) -> AppResult<()> {
    let Some(links) = links else { return Ok(()) };
    guidance_tool_link::Entity::delete_many().filter(guidance_tool_link::Column::ToolId.eq(id)).exec(txn).await?;
    let rows: Vec<guidance_tool_link::ActiveModel> = links
        .iter()
        .map(|(language, url)| guidance_tool_link::ActiveModel {
            tool_id: Set(id),
            language: Set(language.clone()),
            url: Set(url.trim().to_string()),
        })
        .collect();
    if !rows.is_empty() {
        guidance_tool_link::Entity::insert_many(rows).exec_without_returning(txn).await?;
    }
    Ok(())
}

impl Details for ToolFields {
    const KIND: ContentKind = ContentKind::GuidanceTool;
    const AUTHOR: Role = Role::Editor;

    fn common(&self) -> &CommonFields {
        &self.common
    }

    fn year(&self) -> Option<i32> {
        self.own.publication_date.map(|d| d.year())
    }

    async fn validate(&self, db: &DatabaseConnection, creating: bool) -> AppResult<()> {
        self.common.validate(db, creating).await?;
        self.own.validate(creating)?;
        validate::list(self.links.as_deref(), "links")?;
        let mut languages = Vec::new();
        for (language, url) in self.links.iter().flatten() {
            validate::language(Some(language), "links.language")?;
            validate::url(Some(url), "links.url")?;
            if languages.contains(language) {
                return Err(AppError::bad_input("links.language", format!("two links in `{language}`")));
            }
            languages.push(language.clone());
        }
        let reviews: Vec<i64> = self.regional_review.into_iter().collect();
        validate::exist::<regional_review::Entity, _, _>(db, regional_review::Column::Id, &reviews, "regionalReview")
            .await
    }

    async fn insert(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let mut row = self.own.new_row(id);
        row.regional_review_id = Set(self.regional_review);
        row.insert(txn).await?;
        replace_links(txn, id, &self.links).await
    }

    async fn update(&self, txn: &DatabaseTransaction, id: i64) -> AppResult<()> {
        let current =
            guidance_tool::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound("guidance tool"))?;
        let mut detail: guidance_tool::ActiveModel = current.into();
        self.own.apply(&mut detail);
        set_given(&self.regional_review.map(Some), &mut detail.regional_review_id);
        if detail.is_changed() {
            detail.update(txn).await?;
        }
        replace_links(txn, id, &self.links).await
    }
}
