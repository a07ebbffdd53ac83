//! Reviews of submitted practices: the rubric an editor records when sending a practice back or publishing it, one
//! assessment per criterion (relevance, principles, timeliness, completion, innovation, replicability, evidence),
//! each `MEETS`, `PARTLY` or `DOES_NOT_MEET` with an optional comment.
//!
//! Publishing over a criterion the practice does not meet takes an admin and a reason, which the audit trail keeps.
//! The practice's owner reads the latest review and its comments; editors also read how many reviews it has had.
//! Other contributors and the public never see a review.

use crate::domain::clock;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use hub_entity::enums::{Assessment, ReviewDecision, RubricCriterion};
use hub_entity::{content, practice_review, practice_review_assessment};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// Longest comment on one criterion, and longest reason, in characters.
const LONGEST_COMMENT: usize = 2000;

/// One criterion's assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessed {
    pub criterion: RubricCriterion,
    pub assessment: Assessment,
    pub comment: Option<String>,
}

/// What an editor gives with a decision: the rubric, and the reason for publishing over a failing one.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub rubric: Vec<Assessed>,
    pub reason: Option<String>,
}

impl Review {
    /// A rubric assesses every criterion exactly once; comments and the reason are bounded.
    pub fn validate(&self) -> AppResult<()> {
        for criterion in RubricCriterion::iter() {
            let count = self.rubric.iter().filter(|assessed| assessed.criterion == criterion).count();
            if count != 1 {
                let what = if count == 0 { "misses" } else { "repeats" };
                return Err(AppError::bad_input(
                    "rubric",
                    format!("the rubric {what} {criterion:?}: assess each of the 7 criteria once"),
                ));
            }
        }
        let too_long = |text: &Option<String>| text.as_deref().is_some_and(|t| t.chars().count() > LONGEST_COMMENT);
        if self.rubric.iter().any(|assessed| too_long(&assessed.comment)) || too_long(&self.reason) {
            return Err(AppError::bad_input("rubric", format!("comments take at most {LONGEST_COMMENT} characters")));
        }
        Ok(())
    }

    fn fails(&self) -> bool {
        self.rubric.iter().any(|assessed| assessed.assessment == Assessment::DoesNotMeet)
    }

    /// The reason given for publishing over a failing rubric (what the audit trail keeps).
    pub fn override_reason(&self) -> Option<String> {
        self.fails().then(|| self.reason.clone()).flatten()
    }

    /// Publishing over a criterion the practice does not meet is an admin's call, with a reason.
    pub fn allows_publishing(&self, viewer: &Viewer) -> AppResult<()> {
        if !self.fails() {
            return Ok(());
        }
        if viewer.role < Role::Admin {
            return Err(AppError::Forbidden);
        }
        if self.reason.as_deref().is_none_or(|reason| reason.trim().is_empty()) {
            return Err(AppError::bad_input(
                "reason",
                "publishing a practice that does not meet a criterion needs the reason",
            ));
        }
        Ok(())
    }
}

/// Records a decision with its rubric, in the workflow step's transaction.
pub async fn record<C: ConnectionTrait>(
    txn: &C,
    viewer: &Viewer,
    row: &content::Model,
    decision: ReviewDecision,
    note: Option<String>,
    review: &Review,
) -> AppResult<()> {
    let saved = practice_review::ActiveModel {
        content_id: Set(row.id),
        decision: Set(decision),
        reviewer: Set(viewer.subject.clone().unwrap_or_default()),
        reviewer_role: Set(viewer.role.as_str().to_string()),
        note: Set(note),
        override_reason: Set(review.override_reason()),
        created_at: Set(clock::now()),
        ..Default::default()
    };
    let saved = practice_review::Entity::insert(saved).exec(txn).await?;
    let rows = review.rubric.iter().map(|assessed| practice_review_assessment::ActiveModel {
        review_id: Set(saved.last_insert_id),
        criterion: Set(assessed.criterion),
        assessment: Set(assessed.assessment),
        comment: Set(assessed.comment.clone()),
    });
    practice_review_assessment::Entity::insert_many(rows).exec_without_returning(txn).await?;
    Ok(())
}

/// A review as its readers see it.
#[derive(Debug, Clone)]
pub struct Latest {
    pub review: practice_review::Model,
    pub rubric: Vec<Assessed>,
    /// How many reviews the practice has had.
    pub count: u64,
}

/// The latest review of each of `ids` that has had one, with how many it has had (three statements, however many
/// practices). Callers check who reads reviews (`Viewer::edits_or_owns`) first.
pub async fn latest_of<C: ConnectionTrait>(db: &C, ids: &[i64]) -> AppResult<HashMap<i64, Latest>> {
    let reviews = practice_review::Entity::find()
        .filter(practice_review::Column::ContentId.is_in(ids.iter().copied()))
        .order_by_asc(practice_review::Column::Id)
        .all(db)
        .await?;
    let mut counts: HashMap<i64, u64> = HashMap::new();
    let mut latest: HashMap<i64, practice_review::Model> = HashMap::new();
    for review in reviews {
        *counts.entry(review.content_id).or_default() += 1;
        latest.insert(review.content_id, review);
    }
    let mut rubrics: HashMap<i64, Vec<Assessed>> = HashMap::new();
    let review_ids: Vec<i64> = latest.values().map(|review| review.id).collect();
    for row in practice_review_assessment::Entity::find()
        .filter(practice_review_assessment::Column::ReviewId.is_in(review_ids))
        .all(db)
        .await?
    {
        let assessed = Assessed { criterion: row.criterion, assessment: row.assessment, comment: row.comment };
        rubrics.entry(row.review_id).or_default().push(assessed);
    }
    Ok(latest
        .into_iter()
        .map(|(content_id, review)| {
            let mut rubric = rubrics.remove(&review.id).unwrap_or_default();
            rubric.sort_by_key(|assessed| assessed.criterion);
            let count = counts.get(&content_id).copied().unwrap_or_default();
            (content_id, Latest { review, rubric, count })
        })
        .collect())
}
