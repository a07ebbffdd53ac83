//! The publication workflow, as a state machine:
//! `DRAFT -> SUBMITTED -> PUBLISHED -> ARCHIVED`, `SUBMITTED -> CHANGES_REQUESTED -> SUBMITTED`.
//! Guidance tools, peer exchanges, calls and collections are written by editors, who may also publish their drafts
//! directly. Review submissions are public as soon as they are saved (`editing::create`): they only archive.

use crate::domain::clock;
use crate::domain::kind::{RecordType, Workflow, names};
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::content::review::{self, Review};
use crate::service::content::{call_for_practices, checklist, editing, tags};
use crate::service::{notifications, outbox};
use hub_entity::content;
use hub_entity::enums::{ContentKind, NotificationEvent, ReviewDecision, Status};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    Submit,
    RequestChanges,
    Publish,
    Archive,
}

impl Transition {
    /// The status a record of `kind` moves to from `from`, if the move exists.
    pub fn target(self, kind: ContentKind, from: Status) -> Option<Status> {
        let workflow = names(kind).workflow;
        match (self, from) {
            (Transition::Archive, Status::Published) => Some(Status::Archived),
            _ if workflow == Workflow::PublicOnSave => None,
            (Transition::Submit, Status::Draft | Status::ChangesRequested) => Some(Status::Submitted),
            (Transition::RequestChanges, Status::Submitted) => Some(Status::ChangesRequested),
            (Transition::Publish, Status::Submitted) => Some(Status::Published),
            (Transition::Publish, Status::Draft) if workflow == Workflow::Editorial => Some(Status::Published),
            _ => None,
        }
    }

    fn verb(self) -> Verb {
        match self {
            Transition::Submit => Verb::Submit,
            Transition::RequestChanges => Verb::RequestChanges,
            Transition::Publish => Verb::Publish,
            Transition::Archive => Verb::Archive,
        }
    }

    /// Contributors submit their own practices (the reviewed kind); every other move is an editor's.
    fn allowed(self, viewer: &Viewer, row: &content::Model) -> bool {
        match self {
            Transition::Submit if names(row.kind).workflow == Workflow::Reviewed => viewer.edits_or_owns(row),
            _ => viewer.role >= Role::Editor,
        }
    }
}

/// Moves a record along the workflow. A move that does not exist from the record's current status (including one
/// raced by another editor) is `INVALID_TRANSITION`. A practice sent back or published may come with its review
/// (`review`: the rubric, and the reason for publishing over a failing one), recorded in the same transaction.
pub async fn apply(
    db: &DatabaseConnection,
    viewer: &Viewer,
    kind: ContentKind,
    id: i64,
    transition: Transition,
    note: Option<String>,
    review: Option<&Review>,
) -> AppResult<content::Model> {
    viewer.require_signed_in()?;
    let decision = match (transition, review) {
        (_, None) => None,
        (Transition::RequestChanges, Some(_)) => Some(ReviewDecision::ChangesRequested),
        (Transition::Publish, Some(_)) => Some(ReviewDecision::Published),
        (_, Some(_)) => {
            return Err(AppError::bad_input("rubric", "a rubric goes with a change request or a publication"));
        }
    };
    if let Some(review) = review {
        if kind != ContentKind::Practice {
            return Err(AppError::bad_input("rubric", "only practices are reviewed with a rubric"));
        }
        review.validate()?;
    }
    if transition == Transition::RequestChanges && note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(AppError::bad_input("note", "a change request needs a note for the submitter"));
    }
    if let Some(note) = &note
        && note.chars().count() > 5000
    {
        return Err(AppError::bad_input("note", "`note` takes at most 5000 characters"));
    }
    let txn = crate::db::write_transaction(db).await?;
    let row = content::Entity::find_by_id(id)
        .filter(content::Column::Kind.eq(kind))
        .filter(viewer.visible_content())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound(names(kind).label))?;
    if !transition.allowed(viewer, &row) {
        return Err(AppError::Forbidden);
    }
    let target = transition.target(kind, row.status).ok_or_else(|| {
        let what = names(kind).label;
        AppError::InvalidTransition(format!("a {:?} {what} cannot be moved by {:?}", row.status, transition))
    })?;
    if transition == Transition::Submit && kind == ContentKind::Practice {
        call_for_practices::require_open(&txn, id).await?;
        checklist::require(&txn, &row).await?;
    }
    if let (Transition::Publish, Some(review)) = (transition, review) {
        review.allows_publishing(viewer)?;
    }
    let now = clock::now();
    let mut update = content::Entity::update_many()
        .col_expr(content::Column::Status, Expr::value(target))
        .col_expr(content::Column::UpdatedAt, Expr::value(now))
        .filter(content::Column::Id.eq(id))
        .filter(content::Column::Status.eq(row.status));
    match transition {
        Transition::Publish if row.published_at.is_none() => {
            update = update.col_expr(content::Column::PublishedAt, Expr::value(now));
        }
        Transition::RequestChanges => {
            update = update.col_expr(content::Column::ReviewNote, Expr::value(note.clone()));
        }
        _ => {}
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        let what = names(kind).label;
        return Err(AppError::InvalidTransition(format!("the {what} changed status meanwhile")));
    }
    if transition == Transition::Publish && row.published_at.is_none() {
        editing::fix_public_slug(&txn, &row, &row.title).await?;
        if kind == ContentKind::CallForPractices {
            // Answers typed as free text before the call was published find it now.
            hub_migration::link_call_answers(&txn).await?;
        }
    }
    if let (Some(decision), Some(review)) = (decision, review) {
        review::record(&txn, viewer, &row, decision, note.clone(), review).await?;
    }
    if kind == ContentKind::Practice {
        let event = match transition {
            Transition::Submit => NotificationEvent::Submitted,
            Transition::RequestChanges => NotificationEvent::ChangesRequested,
            Transition::Publish => NotificationEvent::Published,
            Transition::Archive => NotificationEvent::Archived,
        };
        notifications::on_step(&txn, viewer, &row, event, note.as_deref(), review).await?;
    }
    // A call's answers carry it as a facet value only while it is published.
    let answers = match kind {
        ContentKind::CallForPractices => tags::answers(&txn, id).await?,
        _ => Vec::new(),
    };
    outbox::enqueue(&txn, &[&[id][..], &answers].concat()).await?;
    // A publication over a failing rubric keeps its reason in the trail.
    let note = note.or_else(|| review.and_then(Review::override_reason));
    audit::record(&txn, viewer, transition.verb(), Subject::Id(RecordType::Content(kind), id), note).await?;
    let updated = editing::reread(&txn, kind, id).await?;
    txn.commit().await?;
    Ok(updated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moves(kind: ContentKind) -> Vec<(Status, Status)> {
        let all = [Status::Draft, Status::Submitted, Status::ChangesRequested, Status::Published, Status::Archived];
        let moves = [Transition::Submit, Transition::RequestChanges, Transition::Publish, Transition::Archive];
        let mut valid = Vec::new();
        for from in all {
            for transition in moves {
                if let Some(to) = transition.target(kind, from) {
                    valid.push((from, to));
                }
            }
        }
        valid
    }

    #[test]
    fn the_state_machine_has_exactly_the_documented_moves() {
        let practice = vec![
            (Status::Draft, Status::Submitted),
            (Status::Submitted, Status::ChangesRequested),
            (Status::Submitted, Status::Published),
            (Status::ChangesRequested, Status::Submitted),
            (Status::Published, Status::Archived),
        ];
        assert_eq!(moves(ContentKind::Practice), practice);
        let mut editorial = practice.clone();
        editorial.insert(1, (Status::Draft, Status::Published));
        assert_eq!(moves(ContentKind::GuidanceTool), editorial);
        assert_eq!(moves(ContentKind::PeerExchange), editorial);
        assert_eq!(moves(ContentKind::CallForPractices), editorial);
        assert_eq!(moves(ContentKind::ReviewSubmission), [(Status::Published, Status::Archived)]);
    }
}
