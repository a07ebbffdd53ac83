//! Review submission mutations (editors): create and edit (a submission is public as soon as it is saved), archive,
//! and take down (admins).

use crate::domain::kind::RecordType;
use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::content::record::ReviewSubmission;
use crate::graphql::content::review_submission::{ReviewSubmissionOwnInput, Stance};
use crate::graphql::id;
use crate::service::content::editing::CommonFields;
use crate::service::content::review_submission::{ObjectiveReport, SubmissionFields};
use async_graphql::{ID, InputObject, MaybeUndefined};
use hub_entity::enums::ContentKind;

/// What a submission says about one objective.
#[derive(InputObject)]
pub struct ObjectiveReportInput {
    /// The objective's number (1 to 23).
    pub objective: i32,
    pub stance: Stance,
    /// A short passage of the submission (at most 1000 characters).
    pub excerpt: Option<String>,
}

/// The fields only a submission has; on update, omitted fields stay as they are, `null` clears the submitter
/// country or organization (one of them stays), and given reports replace the old ones. Its tags follow what it is:
/// giving `review`, `submitterCountry` or `objectiveReports` without the matching tag list (`regions`, `countries`,
/// `objectives`) sets that list to what the submission implies; a given list gets the implied values added.
#[derive(InputObject, Default)]
pub struct ReviewSubmissionDetailsInput {
    #[graphql(flatten)]
    pub own: ReviewSubmissionOwnInput,
    /// The regional review it was made to (a `RegionalReview` id; required on create).
    pub review: Option<ID>,
    /// ISO 3166-1 alpha-3 of the Member State that made it.
    pub submitter_country: MaybeUndefined<String>,
    /// The organization that made it (an id).
    pub submitter_organization: MaybeUndefined<ID>,
    /// What it says about each objective; at most one report per objective and stance.
    pub objective_reports: Option<Vec<ObjectiveReportInput>>,
}

impl ReviewSubmissionDetailsInput {
    fn into_fields(self, common: CommonFields) -> AppResult<SubmissionFields> {
        let organization: Option<Option<ID>> = self.submitter_organization.into();
        let organization = organization
            .map(|o| o.map(|id| id::decode_as(&id, RecordType::Organization, "submitterOrganization")).transpose())
            .transpose()?;
        Ok(SubmissionFields {
            common,
            own: self.own.into(),
            review: self.review.map(|id| id::decode_as(&id, RecordType::RegionalReview, "review")).transpose()?,
            submitter_country: self.submitter_country.into(),
            submitter_organization: organization,
            reports: self.objective_reports.map(|reports| {
                reports
                    .into_iter()
                    .map(|r| ObjectiveReport { objective: r.objective, stance: r.stance.into(), excerpt: r.excerpt })
                    .collect()
            }),
            ..SubmissionFields::default()
        })
    }
}

crate::content_mutations! {
    ReviewSubmission(ContentKind::ReviewSubmission), author Role::Editor, details ReviewSubmissionDetailsInput;
    /// A new submission to a regional review; it is public at once.
    create input CreateReviewSubmissionInput;
    /// Changes to a submission; omitted fields stay as they are, given lists replace the old ones.
    update input UpdateReviewSubmissionInput;
    payload ReviewSubmissionPayload { review_submission };
    mutation ReviewSubmissionMutation {
        /// Records a submission to a regional review (editors); it is published as it is saved.
        create_review_submission;
        /// Edits a submission at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
        update_review_submission;
        moves {}
        /// Archives a submission (editors): the public no longer sees it.
        archive_review_submission;
        /// Takes a submission down (admins; permanent, audited; the change feed says `DELETED`). Editors archive
        /// instead.
        delete_review_submission;
    }
}
