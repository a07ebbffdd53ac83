//! Field checks shared by every write: required fields, lengths, language tags, URLs, list caps, and keys or ids
//! that must exist. Each failure is `BAD_USER_INPUT` naming the input field.

use crate::error::{AppError, AppResult};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Value};

pub use crate::domain::filter::{MAX_LIST, list};
/// The longest URL accepted.
const MAX_URL: usize = 2048;

/// A field that must be given when a record is created.
pub fn required<T>(value: &Option<T>, field: &str) -> AppResult<()> {
    match value {
        Some(_) => Ok(()),
        None => Err(AppError::bad_input(field, format!("`{field}` is required"))),
    }
}

/// A text of `min` to `max` characters once trimmed (when given).
pub fn text(value: Option<&str>, field: &str, min: usize, max: usize) -> AppResult<()> {
    if let Some(value) = value {
        let length = value.trim().chars().count();
        if length < min || length > max {
            return Err(AppError::bad_input(field, format!("`{field}` must be {min} to {max} characters")));
        }
    }
    Ok(())
}

/// A BCP 47 tag in its common shape: a 2-3 letter lowercase language, then subtags of 2 to 8 letters or digits.
pub fn language(tag: Option<&str>, field: &str) -> AppResult<()> {
    let Some(tag) = tag else { return Ok(()) };
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if valid { Ok(()) } else { Err(AppError::bad_input(field, format!("`{tag}` is not a BCP 47 language tag"))) }
}

/// An absolute `http` or `https` URL whose host passes the hub's URL rule (`domain::address::host_problem`: no empty
/// labels, not this machine, no address literal that is not public), written as the URL parser writes it (so that
/// what is stored is what was checked: `http:/evil.example` reads as `http://evil.example/` and is refused with that
/// suggestion). A bare origin may leave out its final `/`.
pub fn url(value: Option<&str>, field: &str) -> AppResult<()> {
    let Some(value) = value else { return Ok(()) };
    let Some(parsed) = url::Url::parse(value).ok().filter(|u| {
        value.len() <= MAX_URL && matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    }) else {
        return Err(AppError::bad_input(field, format!("`{field}` must be an http(s) URL")));
    };
    if let Some(problem) = crate::domain::address::host_problem(&parsed) {
        return Err(AppError::bad_input(field, format!("`{field}` {}", problem.message())));
    }
    let normal = parsed.as_str();
    if normal == value || normal.strip_suffix('/') == Some(value) {
        Ok(())
    } else {
        Err(AppError::bad_input(field, format!("`{field}` must be written as `{normal}`")))
    }
}

/// An ISO 3166-1 alpha-3 code in shape (whether the country exists is `exist`'s question).
pub fn iso3(code: &str, field: &str) -> AppResult<String> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code)
    } else {
        Err(AppError::bad_input(field, format!("`{code}` is not an ISO 3166-1 alpha-3 code")))
    }
}

/// Every value names an existing row of `E` in `column` (duplicates allowed).
pub async fn exist<E, C, V>(db: &C, column: E::Column, values: &[V], field: &str) -> AppResult<()>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
    V: Into<Value> + Clone + Ord,
{
    let mut distinct = values.to_vec();
    distinct.sort();
    distinct.dedup();
    if distinct.is_empty() {
        return Ok(());
    }
    let found = E::find().filter(column.is_in(distinct.iter().cloned())).count(db).await?;
    if found == distinct.len() as u64 {
        Ok(())
    } else {
        Err(AppError::bad_input(field, format!("`{field}` names a record that does not exist")))
    }
}

/// A URL-safe slug from a title (transliterated to ASCII by the `slug` crate), at most 80 characters.
fn slug(title: &str, fallback: &str) -> String {
    let mut slug = slug::slugify(title);
    slug.truncate(80);
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() { fallback.to_string() } else { slug }
}

/// A draft's provisional slug: the title's, with `-draft-` and a random suffix, so that it never collides with,
/// and so never reveals, another caller's hidden record (its public slug is fixed when it is first published).
pub fn provisional_slug(title: &str, fallback: &str) -> String {
    use rand::Rng as _;
    let mut base = slug(title, fallback);
    base.truncate(66);
    let suffix: u32 = rand::rng().random();
    format!("{}-draft-{suffix:08x}", base.trim_end_matches('-'))
}

/// A slug for `title` that no row of `E` within `scope` has in `column` yet (`-2`, `-3`, ... on collisions);
/// `fallback` when the title has no letters to slugify. A writer racing for the same slug is refused by the unique
/// index, which the caller handles.
pub async fn unique_slug<E, C>(
    db: &C,
    column: E::Column,
    scope: Condition,
    title: &str,
    fallback: &str,
) -> AppResult<String>
where
    E: EntityTrait,
    E::Model: Sync,
    C: ConnectionTrait,
{
    let base = slug(title, fallback);
    for n in 1..10_000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if E::find().filter(scope.clone()).filter(column.eq(&candidate)).count(db).await? == 0 {
            return Ok(candidate);
        }
    }
    Err(AppError::Internal("no free slug".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for good in ["en", "fr", "es-419", "pt-BR", "zh-Hant-TW"] {
            assert!(language(Some(good), "language").is_ok(), "{good}");
        }
        for bad in ["", "E", "EN", "english", "en_GB", "en-", "en-toolongsubtag"] {
            assert!(language(Some(bad), "language").is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        for good in ["https://migrationnetwork.un.org/hub", "https://example.org", "https://example.org/a?b=c#d"] {
            assert!(url(Some(good), "url").is_ok(), "{good}");
        }
        for bad in [
            "migrationnetwork.un.org",
            "javascript:alert(1)",
            "ftp://x.org/a",
            "https://",
            "https://exa mple.org",
            "http:/evil.example",
            "HTTPS://Example.org/a",
            "https://example.org/a/../b",
        ] {
            assert!(url(Some(bad), "url").is_err(), "{bad}");
        }
        let message = url(Some("http:/evil.example"), "url").unwrap_err().message();
        assert!(message.contains("http://evil.example/"), "{message}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Alternatives to Detention: a review (2021)", "x"), "alternatives-to-detention-a-review-2021");
        assert_eq!(slug("Éducation pour tous", "x"), "education-pour-tous");
        assert_eq!(slug("¿?", "practice"), "practice");
        let provisional = provisional_slug("Alternatives to Detention", "practice");
        assert!(
            provisional.starts_with("alternatives-to-detention-draft-") && provisional.len() <= 80,
            "{provisional}"
        );
        assert_ne!(provisional, provisional_slug("Alternatives to Detention", "practice"), "random");
    }
}
