//! The Network's checklist for submitting a practice to the Repository of Practices, item by item. A practice:
//! relates to at least one of the 23 objectives; adheres to the guiding principles; was ideally implemented after
//! December 2018 (the Compact's adoption); is fully or mostly completed; is innovative and replicable; has a
//! descriptive title, every mandatory field filled, and acronyms spelled out.
//!
//! Blocking items stop a submission (`BAD_USER_INPUT`, listing the failing codes and fields); the others are advice
//! a frontend shows beside the field. The same list is read by owners and editors on the practice.

use crate::db::tags::ContentTags;
use crate::error::{AppError, AppResult, Unmet};
use chrono::NaiveDate;
use hub_entity::enums::Completion;
use hub_entity::{content, practice};
use sea_orm::{ConnectionTrait, EntityTrait};

/// The Compact was adopted in December 2018; practices implemented since are what the repository looks for.
const COMPACT_ADOPTED: (i32, u32, u32) = (2018, 12, 1);
/// Shortest descriptive title, in words.
const TITLE_WORDS: usize = 3;
/// Well-known acronyms that need no expansion.
pub const KNOWN_ACRONYMS: &[&str] = &[
    "UN", "GCM", "IOM", "ILO", "UNHCR", "UNICEF", "UNDP", "UNODC", "OHCHR", "WHO", "UNFPA", "UNESCO", "EU", "AU",
    "ASEAN", "ECOWAS", "IGAD", "SADC", "OECD", "NGO", "NGOS", "COVID", "HIV", "AIDS", "ID", "SDG", "SDGS", "ICT",
    "SMS", "USA", "UK", "UAE",
];

/// What an item checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    Objectives,
    Principles,
    ImplementedAfter2018,
    Completion,
    Replicability,
    MandatoryFields,
    Title,
    Acronyms,
}

impl Code {
    pub const ALL: [Code; 8] = [
        Code::Objectives,
        Code::Principles,
        Code::ImplementedAfter2018,
        Code::Completion,
        Code::Replicability,
        Code::MandatoryFields,
        Code::Title,
        Code::Acronyms,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Objectives => "OBJECTIVES",
            Code::Principles => "PRINCIPLES",
            Code::ImplementedAfter2018 => "IMPLEMENTED_AFTER_2018",
            Code::Completion => "COMPLETION",
            Code::Replicability => "REPLICABILITY",
            Code::MandatoryFields => "MANDATORY_FIELDS",
            Code::Title => "TITLE",
            Code::Acronyms => "ACRONYMS",
        }
    }

    /// Whether failing it stops a submission.
    pub fn blocking(self) -> bool {
        !matches!(self, Code::ImplementedAfter2018 | Code::Acronyms)
    }
}

/// One item of a practice's checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub code: Code,
    pub passed: bool,
    /// The field a frontend shows the message beside (GraphQL's name).
    pub field: &'static str,
    pub message: String,
}

impl Item {
    pub fn blocking(&self) -> bool {
        self.code.blocking()
    }
}

fn item(code: Code, field: &'static str, passed: bool, message: impl Into<String>) -> Item {
    Item { code, passed, field, message: message.into() }
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|text| !text.trim().is_empty())
}

/// All-caps words of 2 to 6 letters that the text never spells out ("Temporary Protection Status (TPS)" spells TPS
/// out; so does "TPS (Temporary Protection Status)") and that are not well known.
pub fn unexplained_acronyms(texts: &[&str]) -> Vec<String> {
    let all = texts.join("\n");
    let mut found: Vec<String> = Vec::new();
    for word in all.split(|c: char| !c.is_alphanumeric()) {
        let letters = word.chars().count();
        let acronym = (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase() && c.is_alphabetic());
        if !acronym || KNOWN_ACRONYMS.contains(&word) || found.iter().any(|seen| seen == word) {
            continue;
        }
        let spelled_out = all.contains(&format!("({word})")) || all.contains(&format!("{word} ("));
        if !spelled_out {
            found.push(word.to_string());
        }
    }
    found
}

/// Refuses a submission whose blocking items fail: `BAD_USER_INPUT` naming each failing code and field.
pub async fn require<C: ConnectionTrait>(db: &C, row: &content::Model) -> AppResult<()> {
    let own = practice::Entity::find_by_id(row.id).one(db).await?.ok_or(AppError::NotFound("practice details"))?;
    let tags = crate::db::tags::tags(db, &[row.id]).await?.remove(&row.id).unwrap_or_default();
    let unmet: Vec<Unmet> = check(row, &own, &tags)
        .into_iter()
        .filter(|item| item.blocking() && !item.passed)
        .map(|item| Unmet { code: item.code.as_str(), field: item.field, message: item.message })
        .collect();
    match unmet.is_empty() {
        true => Ok(()),
        false => Err(AppError::Checklist(unmet)),
    }
}

/// The checklist of a practice as stored.
pub fn check(row: &content::Model, own: &practice::Model, tags: &ContentTags) -> Vec<Item> {
    let mut items = Vec::with_capacity(Code::ALL.len());
    items.push(item(
        Code::Objectives,
        "objectives",
        !tags.objectives.is_empty(),
        "Name at least one of the Global Compact's 23 objectives the practice relates to.",
    ));
    items.push(item(
        Code::Principles,
        "principles",
        !tags.principles.is_empty(),
        "Name the guiding principles of the Global Compact the practice adheres to.",
    ));
    let (year, month, day) = COMPACT_ADOPTED;
    let adopted = NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default();
    items.push(match own.start_date {
        Some(start) => item(
            Code::ImplementedAfter2018,
            "startDate",
            start >= adopted,
            "Practices implemented after the Compact's adoption in December 2018 are preferred.",
        ),
        None => item(
            Code::ImplementedAfter2018,
            "startDate",
            false,
            "Give the start date: practices implemented after December 2018 are preferred.",
        ),
    });
    items.push(item(
        Code::Completion,
        "completion",
        matches!(own.completion, Completion::Completed | Completion::MostlyCompleted),
        "Only practices that are fully or mostly completed can be submitted (completion: COMPLETED or \
         MOSTLY_COMPLETED).",
    ));
    items.push(item(
        Code::Replicability,
        "replicability",
        filled(&own.replicability),
        "Say what is innovative and what another country or city would need to replicate the practice.",
    ));
    let missing: Vec<&str> = [
        ("implementation", filled(&own.implementation)),
        ("results", filled(&own.results)),
        ("lessonsLearned", filled(&own.lessons_learned)),
        ("countries", !tags.countries.is_empty() || !tags.regions.is_empty()),
    ]
    .into_iter()
    .filter_map(|(field, given)| (!given).then_some(field))
    .collect();
    items.push(item(
        Code::MandatoryFields,
        missing.first().copied().unwrap_or("implementation"),
        missing.is_empty(),
        match missing.is_empty() {
            true => "Every mandatory field is filled.".to_string(),
            false => format!("Fill in the mandatory fields: {}.", missing.join(", ")),
        },
    ));
    let words = row.title.split_whitespace().count();
    let shouting = row.title.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    items.push(item(
        Code::Title,
        "title",
        words >= TITLE_WORDS && !shouting,
        format!("Give a descriptive title: what the practice does and where, in at least {TITLE_WORDS} words."),
    ));
    let texts = [
        row.title.as_str(),
        row.summary.as_str(),
        own.description.as_str(),
        own.implementation.as_deref().unwrap_or_default(),
        own.results.as_deref().unwrap_or_default(),
    ];
    let unexplained = unexplained_acronyms(&texts);
    items.push(item(
        Code::Acronyms,
        "description",
        unexplained.is_empty(),
        match unexplained.is_empty() {
            true => "Acronyms are spelled out.".to_string(),
            false => format!("Spell out these acronyms the first time they appear: {}.", unexplained.join(", ")),
        },
    ));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_need_spelling_out_unless_well_known() {
        assert_eq!(unexplained_acronyms(&["The TPS grants status; IOM and the UN helped."]), vec!["TPS"]);
        assert!(
            unexplained_acronyms(&["Temporary Protection Status (TPS) grants status. TPS holders work."]).is_empty()
        );
        assert!(unexplained_acronyms(&["TPS (Temporary Protection Status) grants status."]).is_empty());
        // Words of one letter or longer than six, numbers and mixed case are not acronyms.
        assert!(unexplained_acronyms(&["A NATIONALITY law, Covid-19, mRNA, 2019"]).is_empty());
        assert_eq!(unexplained_acronyms(&["PDOS, then PDOS again"]), vec!["PDOS"], "each once");
    }
}
