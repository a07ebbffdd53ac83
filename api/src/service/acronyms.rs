//! Acronyms learned from the published records: a record that writes "overseas Filipino workers (OFWs)" teaches
//! every search that `OFW` means its expansion, so a query for the acronym finds the records that only spell it out,
//! on both engines. The relay learns them as it indexes records (and forgets a record's as it leaves the index), and a
//! reindex relearns them all, in the same place for every engine; a search reads those of its words in one statement.

use crate::error::AppResult;
use crate::index::SearchDocument;
use crate::index::language::{self, Learned};
use hub_entity::learned_acronym;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

/// Rows written per statement (three values each, far under SQLite's bound).
const CHUNK: usize = 500;
/// The longest query word looked up as an acronym (eight letters and a plural `s`).
const LONGEST: usize = 9;
/// Expansions kept per acronym and query (the most common first would need counting; any few will do).
const PER_ACRONYM: usize = 4;

/// Replaces what `documents` define, and forgets what the records `gone` from the index defined, inside the caller's
/// transaction.
pub async fn learn<C: ConnectionTrait>(db: &C, documents: &[SearchDocument], gone: &[i64]) -> AppResult<()> {
    let ids: Vec<i64> = documents.iter().map(|d| d.id).chain(gone.iter().copied()).collect();
    for chunk in ids.chunks(CHUNK) {
        learned_acronym::Entity::delete_many()
            .filter(learned_acronym::Column::ContentId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    let rows: Vec<learned_acronym::ActiveModel> = documents
        .iter()
        .flat_map(|d| {
            let text = [d.title.as_str(), d.summary.as_str(), d.body.as_str()].join("\n");
            language::definitions(&text).into_iter().map(|(acronym, expansion)| learned_acronym::ActiveModel {
                content_id: Set(d.id),
                acronym: Set(acronym),
                expansion: Set(expansion),
            })
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        learned_acronym::Entity::insert_many(chunk.to_vec()).exec_without_returning(db).await?;
    }
    Ok(())
}

/// The expansions of the words of a query that some published record defines as acronyms (one statement; none when
/// no word is short enough to be one).
pub async fn of_query<C: ConnectionTrait>(db: &C, text: &str) -> AppResult<Learned> {
    let keys: Vec<String> = language::words(text)
        .into_iter()
        .filter(|word| (2..=LONGEST).contains(&word.chars().count()))
        .flat_map(|word| language::acronym_keys(&word))
        .collect();
    if keys.is_empty() {
        return Ok(Learned::new());
    }
    let pairs: Vec<(String, String)> = learned_acronym::Entity::find()
        .select_only()
        .column(learned_acronym::Column::Acronym)
        .column(learned_acronym::Column::Expansion)
        .distinct()
        .filter(learned_acronym::Column::Acronym.is_in(keys))
        .into_tuple()
        .all(db)
        .await?;
    let mut learned = Learned::new();
    for (acronym, expansion) in pairs {
        let expansions = learned.entry(acronym).or_default();
        if expansions.len() < PER_ACRONYM {
            expansions.push(expansion);
        }
    }
    Ok(learned)
}
