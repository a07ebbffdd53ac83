//! Closed vocabularies stored as strings, so that both SQLite and PostgreSQL read them the same way.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Which content type a `contents` row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ContentKind {
    #[sea_orm(string_value = "PRACTICE")]
    Practice,
    #[sea_orm(string_value = "GUIDANCE_TOOL")]
    GuidanceTool,
    #[sea_orm(string_value = "PEER_EXCHANGE")]
    PeerExchange,
    #[sea_orm(string_value = "CALL")]
    CallForPractices,
    #[sea_orm(string_value = "COLLECTION")]
    Collection,
    #[sea_orm(string_value = "SUBMISSION")]
    ReviewSubmission,
}

/// Workflow status of a content record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Status {
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    #[sea_orm(string_value = "CHANGES_REQUESTED")]
    ChangesRequested,
    #[sea_orm(string_value = "PUBLISHED")]
    Published,
    #[sea_orm(string_value = "ARCHIVED")]
    Archived,
}

/// The kind of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum OrganizationKind {
    #[sea_orm(string_value = "GOVERNMENT")]
    Government,
    #[sea_orm(string_value = "UN")]
    Un,
    #[sea_orm(string_value = "CIVIL_SOCIETY")]
    CivilSociety,
    #[sea_orm(string_value = "PRIVATE_SECTOR")]
    PrivateSector,
    #[sea_orm(string_value = "ACADEMIA")]
    Academia,
    #[sea_orm(string_value = "LOCAL_AUTHORITY")]
    LocalAuthority,
    #[sea_orm(string_value = "MIGRANT_DIASPORA")]
    MigrantDiaspora,
}

/// How an organization takes part in a content record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum OrganizationRole {
    /// A practice's main implementer (one per practice).
    #[sea_orm(string_value = "IMPLEMENTER")]
    Implementer,
    #[sea_orm(string_value = "PARTNER")]
    Partner,
    /// A guidance tool's publisher.
    #[sea_orm(string_value = "PUBLISHER")]
    Publisher,
    /// A peer exchange's co-host.
    #[sea_orm(string_value = "CO_HOST")]
    CoHost,
    /// A collection's curator.
    #[sea_orm(string_value = "CURATOR")]
    Curator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum SubmitterKind {
    #[sea_orm(string_value = "MEMBER_STATE")]
    MemberState,
    #[sea_orm(string_value = "STAKEHOLDER")]
    Stakeholder,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum GeographicLevel {
    #[sea_orm(string_value = "LOCAL")]
    Local,
    #[sea_orm(string_value = "NATIONAL")]
    National,
    #[sea_orm(string_value = "REGIONAL")]
    Regional,
    #[sea_orm(string_value = "GLOBAL")]
    Global,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Completion {
    #[sea_orm(string_value = "ONGOING")]
    Ongoing,
    #[sea_orm(string_value = "MOSTLY_COMPLETED")]
    MostlyCompleted,
    #[sea_orm(string_value = "COMPLETED")]
    Completed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ResourceKind {
    #[sea_orm(string_value = "DOCUMENT")]
    Document,
    #[sea_orm(string_value = "WEBSITE")]
    Website,
    #[sea_orm(string_value = "VIDEO")]
    Video,
    #[sea_orm(string_value = "DATASET")]
    Dataset,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ToolKind {
    #[sea_orm(string_value = "GUIDANCE_NOTE")]
    GuidanceNote,
    #[sea_orm(string_value = "TOOLKIT")]
    Toolkit,
    #[sea_orm(string_value = "POLICY_BRIEF")]
    PolicyBrief,
    #[sea_orm(string_value = "HANDBOOK")]
    Handbook,
    #[sea_orm(string_value = "TRAINING")]
    Training,
    #[sea_orm(string_value = "REPORT")]
    Report,
    #[sea_orm(string_value = "STATEMENT")]
    Statement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ExchangeFormat {
    #[sea_orm(string_value = "VIRTUAL")]
    Virtual,
    #[sea_orm(string_value = "IN_PERSON")]
    InPerson,
    #[sea_orm(string_value = "HYBRID")]
    Hybrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Participation {
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "GOVERNMENTS_ONLY")]
    GovernmentsOnly,
    #[sea_orm(string_value = "INVITATION")]
    Invitation,
}

/// What happened to a record, as the public change feed tells partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ChangeKind {
    /// It became public.
    #[sea_orm(string_value = "PUBLISHED")]
    Published,
    /// It changed, or something it shows changed, while public.
    #[sea_orm(string_value = "UPDATED")]
    Updated,
    /// It left the published state (archived).
    #[sea_orm(string_value = "UNPUBLISHED")]
    Unpublished,
    /// It was public and is gone.
    #[sea_orm(string_value = "DELETED")]
    Deleted,
}

/// Where a webhook delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum DeliveryStatus {
    /// Waiting for its (next) attempt.
    #[sea_orm(string_value = "PENDING")]
    Pending,
    /// The endpoint answered 2xx.
    #[sea_orm(string_value = "DELIVERED")]
    Delivered,
    /// Retried for the whole retry window without success (the endpoint was disabled).
    #[sea_orm(string_value = "FAILED")]
    Failed,
}

/// What an editor decided on a submitted practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ReviewDecision {
    #[sea_orm(string_value = "CHANGES_REQUESTED")]
    ChangesRequested,
    #[sea_orm(string_value = "PUBLISHED")]
    Published,
}

/// A criterion of the reviewers' rubric.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum RubricCriterion {
    /// Relates to the Compact's objectives.
    #[sea_orm(string_value = "RELEVANCE")]
    Relevance,
    /// Adheres to the guiding principles.
    #[sea_orm(string_value = "PRINCIPLES")]
    Principles,
    /// Implemented after December 2018.
    #[sea_orm(string_value = "TIMELINESS")]
    Timeliness,
    /// Fully or mostly completed.
    #[sea_orm(string_value = "COMPLETION")]
    Completion,
    #[sea_orm(string_value = "INNOVATION")]
    Innovation,
    #[sea_orm(string_value = "REPLICABILITY")]
    Replicability,
    /// Results backed by evidence.
    #[sea_orm(string_value = "EVIDENCE")]
    Evidence,
}

/// How a practice fares on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Assessment {
    #[sea_orm(string_value = "MEETS")]
    Meets,
    #[sea_orm(string_value = "PARTLY")]
    Partly,
    #[sea_orm(string_value = "DOES_NOT_MEET")]
    DoesNotMeet,
}

/// What a notification tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum NotificationEvent {
    /// A practice was submitted for review (to editors).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// The owner's practice was sent back with requested changes.
    #[sea_orm(string_value = "CHANGES_REQUESTED")]
    ChangesRequested,
    /// The owner's practice was published.
    #[sea_orm(string_value = "PUBLISHED")]
    Published,
    /// The owner's practice was archived.
    #[sea_orm(string_value = "ARCHIVED")]
    Archived,
    /// A call for practices the person answered has closed.
    #[sea_orm(string_value = "CALL_CLOSED")]
    CallClosed,
}

/// Where a notification's mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum MailStatus {
    /// Waiting for the mail worker (and there when no SMTP server is configured).
    #[sea_orm(string_value = "PENDING")]
    Pending,
    #[sea_orm(string_value = "SENT")]
    Sent,
    /// Retried for the whole retry window without success.
    #[sea_orm(string_value = "FAILED")]
    Failed,
    /// The recipient's token carried no email.
    #[sea_orm(string_value = "NO_ADDRESS")]
    NoAddress,
}

/// What a review submission says about an objective.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Stance {
    /// It reports measures taken.
    #[sea_orm(string_value = "PROGRESS")]
    Progress,
    /// It reports a difficulty or a gap.
    #[sea_orm(string_value = "CHALLENGE")]
    Challenge,
    /// It names the objective a priority for the coming period.
    #[sea_orm(string_value = "PRIORITY")]
    Priority,
}

/// What a reference label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum LabelSubject {
    /// An objective's official title.
    #[sea_orm(string_value = "objective")]
    Objective,
    /// An objective's short label.
    #[sea_orm(string_value = "objective_short")]
    ObjectiveShort,
    #[sea_orm(string_value = "principle")]
    Principle,
    #[sea_orm(string_value = "region")]
    Region,
    #[sea_orm(string_value = "theme")]
    Theme,
}

/// Where a reference label's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum LabelSource {
    /// The text of the Global Compact (A/RES/73/195) in that language.
    #[sea_orm(string_value = "official")]
    Official,
    /// The Network's own label on its hub, in that language.
    #[sea_orm(string_value = "network")]
    Network,
    /// The hub's working translation, to be replaced by an official one.
    #[sea_orm(string_value = "working")]
    Working,
    /// Set by an editor (themes).
    #[sea_orm(string_value = "editor")]
    Editor,
}
