//! Reading organizations: a paged, filterable list ordered by name.

use crate::error::{AppError, AppResult};
use crate::service::page::{self, Page, PageArgs, Sort, SortValue, Window};
use hub_entity::enums::OrganizationKind;
use hub_entity::organization;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};

#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    pub kinds: Option<Vec<OrganizationKind>>,
    /// Case-insensitive substring of the name or acronym.
    pub name_contains: Option<String>,
}

impl OrganizationFilter {
    fn select(&self) -> AppResult<Select<organization::Entity>> {
        let mut select = organization::Entity::find();
        if let Some(kinds) = &self.kinds {
            select = select.filter(organization::Column::Kind.is_in(kinds.iter().copied()));
        }
        if let Some(text) = &self.name_contains {
            if text.chars().count() > 200 {
                return Err(AppError::bad_input("nameContains", "`nameContains` takes at most 200 characters"));
            }
            // LIKE wildcards in the input are matched literally.
            let escaped = text.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let pattern = format!("%{escaped}%");
            let lower = |column| Expr::expr(Func::lower(Expr::col((organization::Entity, column))));
            select = select.filter(
                sea_orm::Condition::any()
                    .add(
                        lower(organization::Column::Name)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    )
                    .add(
                        lower(organization::Column::Acronym)
                            .like(sea_orm::sea_query::LikeExpr::new(&pattern).escape('\\')),
                    ),
            );
        }
        Ok(select)
    }

    pub async fn page<C: ConnectionTrait>(&self, db: &C, args: &PageArgs) -> AppResult<Page<organization::Model>> {
        let window = Window::new(args, "organizations/NAME/ASC".into())?;
        let sort = Sort {
            key: Expr::col((organization::Entity, organization::Column::Name)),
            id: organization::Column::Id,
            ascending: true,
            text: true,
        };
        page::fetch(db, self.select()?, sort, &window, |row| (SortValue::Text(row.name.clone()), row.id)).await
    }

    pub async fn count<C: ConnectionTrait>(&self, db: &C) -> AppResult<u64> {
        Ok(self.select()?.count(db).await?)
    }
}
