//! GraphQL enums mirroring the stored vocabularies, and the `Date` scalar.

use crate::domain::text::YEARS;
use async_graphql::{Enum, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{Datelike, NaiveDate};

/// Declares a GraphQL enum with the same variants as a stored one, converting both ways.
macro_rules! mirror {
    ($(#[$doc:meta])* $name:ident = $remote:literal { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
        #[graphql(remote = $remote)]
        pub enum $name { $($variant),+ }
    };
}

mirror!(
    /// Where a content record is in its workflow (`status`; a call's is its `publicationStatus`).
    ContentStatus = "hub_entity::enums::Status" { Draft, Submitted, ChangesRequested, Published, Archived }
);
// The content kinds, as the API names them (`domain::kind` holds every name of each); a `//` comment: the SDL gives
// the enum no description.
mirror!(ContentType = "hub_entity::enums::ContentKind" {
    Practice, GuidanceTool, PeerExchange, CallForPractices, Collection, ReviewSubmission
});
mirror!(OrganizationKind = "hub_entity::enums::OrganizationKind" {
    Government,
    Un,
    CivilSociety,
    PrivateSector,
    Academia,
    LocalAuthority,
    MigrantDiaspora
});
mirror!(
    /// Who submitted a practice.
    SubmitterKind = "hub_entity::enums::SubmitterKind" { MemberState, Stakeholder }
);
mirror!(
    /// Where a label's text comes from.
    LabelSource = "hub_entity::enums::LabelSource" { Official, Network, Working, Editor }
);
mirror!(GeographicLevel = "hub_entity::enums::GeographicLevel" { Local, National, Regional, Global });
mirror!(Completion = "hub_entity::enums::Completion" { Ongoing, MostlyCompleted, Completed });
mirror!(
    /// What an item of the Network's submission checklist checks.
    ChecklistCode = "crate::service::content::checklist::Code" {
        Objectives,
        Principles,
        ImplementedAfter2018,
        Completion,
        Replicability,
        MandatoryFields,
        Title,
        Acronyms,
    }
);
mirror!(
    /// A criterion of the reviewers' rubric: relevance to the objectives, adherence to the guiding principles,
    /// timeliness (implemented after December 2018), completion, innovation, replicability, evidence of results.
    RubricCriterion = "hub_entity::enums::RubricCriterion" {
        Relevance,
        Principles,
        Timeliness,
        Completion,
        Innovation,
        Replicability,
        Evidence,
    }
);
mirror!(
    /// How a practice fares on one criterion of the rubric.
    Assessment = "hub_entity::enums::Assessment" { Meets, Partly, DoesNotMeet }
);
mirror!(
    /// What a reviewer decided.
    ReviewDecision = "hub_entity::enums::ReviewDecision" { ChangesRequested, Published }
);
mirror!(
    /// What a notification tells.
    NotificationEvent = "hub_entity::enums::NotificationEvent" { Submitted, ChangesRequested, Published, Archived, CallClosed }
);
mirror!(
    /// Where a notification's mail stands.
    MailStatus = "hub_entity::enums::MailStatus" { Pending, Sent, Failed, NoAddress }
);
mirror!(ResourceKind = "hub_entity::enums::ResourceKind" { Document, Website, Video, Dataset, Other });
mirror!(ToolKind = "hub_entity::enums::ToolKind" { GuidanceNote, Toolkit, PolicyBrief, Handbook, Training, Report, Statement });
mirror!(ExchangeFormat = "hub_entity::enums::ExchangeFormat" { Virtual, InPerson, Hybrid });
mirror!(Participation = "hub_entity::enums::Participation" { Open, GovernmentsOnly, Invitation });

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

impl From<NaiveDate> for Date {
    fn from(date: NaiveDate) -> Self {
        Date(date)
    }
}

impl From<Date> for NaiveDate {
    fn from(date: Date) -> Self {
        date.0
    }
}

#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) if YEARS.contains(&date.year()) => Ok(Date(date)),
                Ok(_) => {
                    Err(InputValueError::custom(format!("expected a date from {} to {}", YEARS.start(), YEARS.end())))
                }
                Err(_) => Err(InputValueError::custom("expected a date as YYYY-MM-DD")),
            },
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, Default)]
pub enum OrderDirection {
    Asc,
    #[default]
    Desc,
}
