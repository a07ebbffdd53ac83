//! Reference labels in every language the hub speaks. English lives in the reference tables themselves (the title
//! of an objective, the name of a principle, region or theme); every other language is a row of `labels`, seeded
//! from the migration's data files and, for themes, set by editors. A label missing in a language falls back to
//! English, and the answer says which language it is in.

use crate::domain::kind::RecordType;
use crate::domain::language::Language;
use crate::domain::viewer::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Subject, Verb};
use crate::service::validate;
use hub_entity::enums::{LabelSource, LabelSubject};
use hub_entity::{label, theme};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use std::collections::HashMap;

/// One label in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    pub text: String,
    pub language: Language,
    pub source: LabelSource,
}

/// Every label of every subject, by subject and key (one load per public epoch, see `ReferenceTables`).
#[derive(Debug, Default)]
pub struct LabelTable(HashMap<(LabelSubject, String), Vec<label::Model>>);

impl LabelTable {
    pub async fn load<C: ConnectionTrait>(db: &C) -> AppResult<LabelTable> {
        let mut table: HashMap<(LabelSubject, String), Vec<label::Model>> = HashMap::new();
        for row in label::Entity::find().all(db).await? {
            table.entry((row.subject, row.key.clone())).or_default().push(row);
        }
        Ok(LabelTable(table))
    }

    /// The label of `subject`/`key` in `language`, else the `english` one (no language asked for is English).
    pub fn pick(&self, subject: LabelSubject, key: &str, language: Option<Language>, english: &str) -> Localized {
        let wanted = language.unwrap_or_default();
        if wanted != Language::En
            && let Some(row) = self.rows(subject, key).find(|row| row.language == wanted.tag())
        {
            return Localized { text: row.text.clone(), language: wanted, source: row.source };
        }
        Localized { text: english.to_string(), language: Language::En, source: english_source(subject) }
    }

    /// Every language `subject`/`key` has, English first, then in the order of [`Language::ALL`]; only `language`
    /// when given (nothing when it has no label in it).
    pub fn all(&self, subject: LabelSubject, key: &str, language: Option<Language>, english: &str) -> Vec<Localized> {
        let mut labels =
            vec![Localized { text: english.to_string(), language: Language::En, source: english_source(subject) }];
        for other in Language::ALL.into_iter().filter(|l| *l != Language::En) {
            if let Some(row) = self.rows(subject, key).find(|row| row.language == other.tag()) {
                labels.push(Localized { text: row.text.clone(), language: other, source: row.source });
            }
        }
        labels.retain(|label| language.is_none_or(|wanted| label.language == wanted));
        labels
    }

    fn rows(&self, subject: LabelSubject, key: &str) -> impl Iterator<Item = &label::Model> {
        self.0.get(&(subject, key.to_string())).into_iter().flatten()
    }
}

/// Every reference name in one language (English where a label lacks it), by key: the label columns of exports.
#[derive(Debug, Default)]
pub struct Names {
    /// Objectives' short labels, by number.
    pub objectives: HashMap<i32, String>,
    pub principles: HashMap<String, String>,
    pub regions: HashMap<String, String>,
    pub themes: HashMap<String, String>,
    /// By ISO3: CLDR's name in the language, else the English one.
    pub countries: HashMap<String, String>,
}

/// The reference names in `language` (six statements, whatever the export's size).
pub async fn names<C: ConnectionTrait>(db: &C, language: Language) -> AppResult<Names> {
    use crate::service::reference;
    let table = LabelTable::load(db).await?;
    let pick = |subject, key: &str, english: &str| table.pick(subject, key, Some(language), english).text;
    let mut names = Names::default();
    for o in reference::objectives(db).await? {
        let label = pick(LabelSubject::ObjectiveShort, &o.number.to_string(), &o.short_label);
        names.objectives.insert(o.number, label);
    }
    for p in reference::principles(db).await? {
        names.principles.insert(p.key.clone(), pick(LabelSubject::Principle, &p.key, &p.name));
    }
    for r in reference::regions(db).await? {
        names.regions.insert(r.key.clone(), pick(LabelSubject::Region, &r.key, &r.name));
    }
    for t in reference::themes(db).await? {
        names.themes.insert(t.key.clone(), pick(LabelSubject::Theme, &t.key, &t.name));
    }
    for c in reference::countries(db, false).await? {
        let name = match language {
            Language::En => None,
            other => crate::domain::names::country(&c.iso3, other),
        };
        names.countries.insert(c.iso3.clone(), name.map_or(c.name, str::to_string));
    }
    Ok(names)
}

/// Where the English labels come from: the Compact's text for objectives, the Network's hub for the other fixed
/// lists, the editors for themes.
pub fn english_source(subject: LabelSubject) -> LabelSource {
    match subject {
        LabelSubject::Objective => LabelSource::Official,
        LabelSubject::ObjectiveShort | LabelSubject::Principle | LabelSubject::Region => LabelSource::Network,
        LabelSubject::Theme => LabelSource::Editor,
    }
}

/// Sets a theme's name in a language other than English, at the theme's version (editors); `None` removes it, so
/// that the theme shows its English name in that language. The theme's version moves on and the change is audited,
/// as any edit of the theme. English is the theme's own name (`updateTheme`).
pub async fn set_theme_name(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: &str,
    version: i32,
    language: Language,
    name: Option<String>,
) -> AppResult<theme::Model> {
    viewer.require(Role::Editor)?;
    if language == Language::En {
        return Err(AppError::bad_input("language", "a theme's English name is its `name`: use `updateTheme`"));
    }
    let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    validate::text(name.as_deref(), "name", 2, 200)?;
    let txn = crate::db::write_transaction(db).await?;
    let moved = theme::Entity::update_many()
        .col_expr(theme::Column::Version, Expr::value(version + 1))
        .filter(theme::Column::Key.eq(key))
        .filter(theme::Column::Version.eq(version))
        .exec(&txn)
        .await?
        .rows_affected
        > 0;
    let row = theme::Entity::find_by_id(key).one(&txn).await?.ok_or(AppError::NotFound("theme"))?;
    if !moved {
        return Err(AppError::stale("theme", version));
    }
    let note = match &name {
        Some(name) => {
            let label = label::ActiveModel {
                subject: Set(LabelSubject::Theme),
                key: Set(key.to_string()),
                language: Set(language.tag().to_string()),
                text: Set(name.clone()),
                source: Set(LabelSource::Editor),
            };
            let on_conflict =
                OnConflict::columns([label::Column::Subject, label::Column::Key, label::Column::Language])
                    .update_columns([label::Column::Text, label::Column::Source])
                    .to_owned();
            label::Entity::insert(label).on_conflict(on_conflict).exec(&txn).await?;
            format!("version {}: name in {} set to “{name}”", version + 1, language.tag())
        }
        None => {
            label::Entity::delete_many()
                .filter(label::Column::Subject.eq(LabelSubject::Theme))
                .filter(label::Column::Key.eq(key))
                .filter(label::Column::Language.eq(language.tag()))
                .exec(&txn)
                .await?;
            format!("version {}: name in {} removed", version + 1, language.tag())
        }
    };
    audit::record(&txn, viewer, Verb::Update, Subject::Key(RecordType::Theme, key.to_string()), Some(note)).await?;
    txn.commit().await?;
    Ok(row)
}

/// Removes every label of a theme (in the transaction that deletes it).
pub async fn delete_theme_labels<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<()> {
    label::Entity::delete_many()
        .filter(label::Column::Subject.eq(LabelSubject::Theme))
        .filter(label::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> LabelTable {
        let row = |language: &str, text: &str| label::Model {
            subject: LabelSubject::Principle,
            key: "human_rights".into(),
            language: language.into(),
            text: text.into(),
            source: LabelSource::Network,
        };
        LabelTable(HashMap::from([(
            (LabelSubject::Principle, "human_rights".to_string()),
            vec![row("fr", "Droits de l’homme"), row("es", "Derechos humanos")],
        )]))
    }

    #[test]
    fn a_label_falls_back_to_english_and_says_so() {
        let table = table();
        let french = table.pick(LabelSubject::Principle, "human_rights", Some(Language::Fr), "Human rights");
        assert_eq!((french.text.as_str(), french.language), ("Droits de l’homme", Language::Fr));
        let russian = table.pick(LabelSubject::Principle, "human_rights", Some(Language::Ru), "Human rights");
        assert_eq!((russian.text.as_str(), russian.language), ("Human rights", Language::En));
        let none = table.pick(LabelSubject::Principle, "human_rights", None, "Human rights");
        assert_eq!(none.language, Language::En);
    }

    #[test]
    fn every_language_comes_english_first_in_un_order() {
        let table = table();
        let all = table.all(LabelSubject::Principle, "human_rights", None, "Human rights");
        let order: Vec<Language> = all.iter().map(|l| l.language).collect();
        assert_eq!(order, [Language::En, Language::Fr, Language::Es]);
        assert!(table.all(LabelSubject::Principle, "human_rights", Some(Language::Ru), "Human rights").is_empty());
    }
}
