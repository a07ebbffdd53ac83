//! What only a review submission has (the `ReviewSubmission` type is made in `record`): its own fields from its
//! declaration, its submitter and what it reports on each objective.

use crate::error::AppError;
use crate::graphql::enums::Date;
use crate::graphql::loaders::{OrganizationById, ReportsOf, SubmissionDetail};
use crate::graphql::organization::Organization;
use crate::graphql::reference::{Country, GcmObjective};
use crate::graphql::{load, load_list, tables};
use crate::service::content::review_submission::SubmissionOwn;
use async_graphql::{Context, Enum, Object, SimpleObject};
use hub_entity::content as row;
use hub_entity::{objective_report, review_submission};

/// What a submission says about an objective.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
#[graphql(remote = "hub_entity::enums::Stance")]
pub enum Stance {
    /// It reports measures taken.
    Progress,
    /// It reports a difficulty or a gap.
    Challenge,
    /// It names the objective a priority for the coming period.
    Priority,
}

/// What only a submission has, flattened into `ReviewSubmission`.
pub struct ReviewSubmissionExtras(pub row::Model);

impl ReviewSubmissionExtras {
    pub async fn detail(&self, ctx: &Context<'_>) -> async_graphql::Result<review_submission::Model> {
        Ok(load(ctx, SubmissionDetail(self.0.id)).await?.ok_or(AppError::NotFound("review submission details"))?)
    }
}

#[Object]
impl ReviewSubmissionExtras {
    #[graphql(flatten)]
    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<ReviewSubmissionDetails> {
        Ok(self.detail(ctx).await?.into())
    }

    /// The Member State that made it, if a State did.
    async fn submitter_country(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Country>> {
        match self.detail(ctx).await?.submitter_country_iso3 {
            Some(code) => Ok(tables(ctx)?.countries([code]).await?.pop().map(Country)),
            None => Ok(None),
        }
    }

    /// The organization that made it, if a stakeholder did.
    async fn submitter_organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        match self.detail(ctx).await?.submitter_organization_id {
            Some(org) => Ok(load(ctx, OrganizationById(org)).await?.map(Organization)),
            None => Ok(None),
        }
    }

    /// What it says about each objective, by objective number.
    async fn objective_reports(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ObjectiveReport>> {
        let reports = load_list(ctx, ReportsOf(self.0.id), |r: objective_report::Model| r).await?;
        let objectives = tables(ctx)?.objectives(reports.iter().map(|r| r.objective_number)).await?;
        Ok(reports
            .into_iter()
            .filter_map(|r| {
                let objective = objectives.iter().find(|o| o.number == r.objective_number)?.clone();
                Some(ObjectiveReport {
                    objective: GcmObjective(objective),
                    stance: r.stance.into(),
                    excerpt: r.excerpt,
                })
            })
            .collect())
    }
}

/// What a review submission says about one objective.
#[derive(SimpleObject, Clone)]
pub struct ObjectiveReport {
    pub objective: GcmObjective,
    pub stance: Stance,
    /// A short passage of the submission, in its language.
    pub excerpt: Option<String>,
}

crate::review_submission_own!(graphql_own);
