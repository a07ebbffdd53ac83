//! Relay-style keyset pagination: page arguments, opaque cursors, and fetching one window of a sorted query.

use crate::error::{AppError, AppResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, SimpleExpr};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::{Deserialize, Serialize};

pub const DEFAULT_PAGE_SIZE: u64 = 20;
pub const MAX_PAGE_SIZE: i32 = 100;

/// The page arguments exactly as a client sent them.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

/// The value a row is sorted by, as carried in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SortValue {
    #[serde(rename = "t")]
    Time(DateTime<Utc>),
    #[serde(rename = "s")]
    Text(String),
    /// A position in a ranked result (search hits), counted from 0.
    #[serde(rename = "p")]
    Position(u64),
}

impl From<SortValue> for sea_orm::Value {
    fn from(value: SortValue) -> Self {
        match value {
            SortValue::Time(time) => time.into(),
            SortValue::Text(text) => text.into(),
            SortValue::Position(position) => position.into(),
        }
    }
}

/// The position of one row in one list under one ordering. Opaque to clients.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor {
    /// Which list and ordering the cursor belongs to, e.g. `practices/PUBLISHED_AT/DESC`.
    #[serde(rename = "l")]
    pub list: String,
    #[serde(rename = "v")]
    pub value: SortValue,
    #[serde(rename = "i")]
    pub id: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        // Serializing this plain struct cannot fail; an empty cursor would be rejected on the way back.
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    fn decode(text: &str, field: &str, list: &str) -> AppResult<Cursor> {
        let invalid = || invalid_cursor(field);
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| invalid())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if let SortValue::Text(text) = &cursor.value
            && crate::domain::text::control_character(text).is_some()
        {
            return Err(invalid());
        }
        if cursor.list != list {
            return Err(AppError::bad_input(field, format!("`{field}` is a cursor of another list or ordering")));
        }
        Ok(cursor)
    }
}

/// A page size (`first` or `last`) as a client gave it: 1 to `MAX_PAGE_SIZE`.
pub fn page_size(value: Option<i32>, field: &str) -> AppResult<Option<u64>> {
    match value {
        None => Ok(None),
        Some(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(Some(n.unsigned_abs().into())),
        Some(_) => Err(AppError::bad_input(field, format!("`{field}` must be between 1 and {MAX_PAGE_SIZE}"))),
    }
}

/// The cursor of the hit at `position` of a ranked list.
pub fn position_cursor(list: &str, position: usize) -> String {
    Cursor { list: list.to_string(), value: SortValue::Position(position as u64), id: 0 }.encode()
}

/// The position just after the hit an `after` cursor of a ranked list names.
pub fn after_position(text: &str, list: &str) -> AppResult<usize> {
    match Cursor::decode(text, "after", list)?.value {
        SortValue::Position(position) => Ok(usize::try_from(position).unwrap_or(usize::MAX).saturating_add(1)),
        _ => Err(invalid_cursor("after")),
    }
}

/// One page of a short list sorted in memory (calls, collections: a few dozen rows), with position cursors (only
/// `first` and `after`); and how many rows the whole list holds.
pub fn in_memory<T>(
    rows: Vec<T>,
    id_of: impl Fn(&T) -> i64,
    list: &str,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<(Page<T>, u64)> {
    let size = page_size(first, "first")?.unwrap_or(DEFAULT_PAGE_SIZE);
    let start = after.map(|cursor| after_position(cursor, list)).transpose()?.unwrap_or(0);
    let total = rows.len() as u64;
    let items: Vec<(Cursor, T)> = rows
        .into_iter()
        .enumerate()
        .skip(start)
        .take(usize::try_from(size).unwrap_or(usize::MAX))
        .map(|(position, row)| {
            let cursor =
                Cursor { list: list.to_string(), value: SortValue::Position(position as u64), id: id_of(&row) };
            (cursor, row)
        })
        .collect();
    let has_next_page = (start as u64).saturating_add(items.len() as u64) < total;
    Ok((Page { items, has_next_page, has_previous_page: start > 0 }, total))
}

/// Validated page arguments for one list.
#[derive(Debug, Clone)]
pub struct Window {
    list: String,
    backward: bool,
    limit: u64,
    after: Option<Cursor>,
    before: Option<Cursor>,
}

impl Window {
    /// Checks `first`/`last` (1..=100, not both) and decodes the cursors against `list`.
    pub fn new(args: &PageArgs, list: String) -> AppResult<Window> {
        let first = page_size(args.first, "first")?;
        let last = page_size(args.last, "last")?;
        if first.is_some() && last.is_some() {
            return Err(AppError::bad_input("last", "give `first` or `last`, not both"));
        }
        let after = args.after.as_deref().map(|c| Cursor::decode(c, "after", &list)).transpose()?;
        let before = args.before.as_deref().map(|c| Cursor::decode(c, "before", &list)).transpose()?;
        Ok(Window { backward: last.is_some(), limit: first.or(last).unwrap_or(DEFAULT_PAGE_SIZE), after, before, list })
    }

    pub fn cursor(&self, value: SortValue, id: i64) -> Cursor {
        Cursor { list: self.list.clone(), value, id }
    }
}

/// One window of rows, in list order.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<(Cursor, T)>,
    pub has_next_page: bool,
    pub has_previous_page: bool,
}

/// How a list is sorted: an expression (ties broken by the id column), a direction, and whether the key is text
/// (otherwise a timestamp).
pub struct Sort<C> {
    pub key: SimpleExpr,
    pub id: C,
    pub ascending: bool,
    pub text: bool,
}

impl<C> Sort<C> {
    /// A cursor is client input: its value must be of the key's type before it reaches SQL.
    fn check(&self, cursor: &Option<Cursor>, field: &str) -> AppResult<()> {
        match cursor {
            Some(Cursor { value: SortValue::Text(_), .. }) if !self.text => Err(invalid_cursor(field)),
            Some(Cursor { value: SortValue::Time(_), .. }) if self.text => Err(invalid_cursor(field)),
            Some(Cursor { value: SortValue::Position(_), .. }) => Err(invalid_cursor(field)),
            _ => Ok(()),
        }
    }
}

fn invalid_cursor(field: &str) -> AppError {
    AppError::bad_input(field, format!("`{field}` is not a valid cursor"))
}

/// Rows strictly past `cursor` when walking in the given direction.
fn past(key: &SimpleExpr, id: SimpleExpr, cursor: &Cursor, ascending: bool) -> Condition {
    let value: sea_orm::Value = cursor.value.clone().into();
    let (key_past, id_past) = if ascending {
        (Expr::expr(key.clone()).gt(value.clone()), Expr::expr(id.clone()).gt(cursor.id))
    } else {
        (Expr::expr(key.clone()).lt(value.clone()), Expr::expr(id.clone()).lt(cursor.id))
    };
    Condition::any().add(key_past).add(Condition::all().add(Expr::expr(key.clone()).eq(value)).add(id_past))
}

/// Fetches one window of `select` sorted by `sort`, as `M` (the entity's model, or a model with extra columns the
/// select adds). `key_of` gives a row's sort value and id for its cursor.
/// Costs one statement; `hasPreviousPage` going forward (and `hasNextPage` going backward) is true exactly when
/// the client came from a cursor, as the Relay specification allows.
pub async fn fetch<E, M, C>(
    db: &C,
    select: Select<E>,
    sort: Sort<E::Column>,
    window: &Window,
    key_of: impl Fn(&M) -> (SortValue, i64),
) -> AppResult<Page<M>>
where
    E: EntityTrait,
    M: FromQueryResult + Send + Sync,
    C: ConnectionTrait,
{
    sort.check(&window.after, "after")?;
    sort.check(&window.before, "before")?;
    let id: SimpleExpr = Expr::col(sort.id);
    let mut select = select;
    if let Some(after) = &window.after {
        select = select.filter(past(&sort.key, id.clone(), after, sort.ascending));
    }
    if let Some(before) = &window.before {
        select = select.filter(past(&sort.key, id.clone(), before, !sort.ascending));
    }
    let walk_ascending = sort.ascending != window.backward;
    let order = if walk_ascending { Order::Asc } else { Order::Desc };
    let mut rows = select
        .order_by(sort.key.clone(), order.clone())
        .order_by(id, order)
        .limit(window.limit + 1)
        .into_model::<M>()
        .all(db)
        .await?;
    let more = rows.len() as u64 > window.limit;
    rows.truncate(usize::try_from(window.limit).unwrap_or(usize::MAX));
    if window.backward {
        rows.reverse();
    }
    let items = rows
        .into_iter()
        .map(|row| {
            let (value, id) = key_of(&row);
            (window.cursor(value, id), row)
        })
        .collect();
    let (has_next_page, has_previous_page) =
        if window.backward { (window.before.is_some(), more) } else { (more, window.after.is_some()) };
    Ok(Page { items, has_next_page, has_previous_page })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(first: Option<i32>, last: Option<i32>) -> PageArgs {
        PageArgs { first, last, ..PageArgs::default() }
    }

    #[test]
    fn page_sizes_are_bounded() {
        for bad in [0, -1, 101] {
            assert!(Window::new(&args(Some(bad), None), "l".into()).is_err());
            assert!(Window::new(&args(None, Some(bad)), "l".into()).is_err());
        }
        assert!(Window::new(&args(Some(1), None), "l".into()).is_ok());
        assert!(Window::new(&args(Some(100), None), "l".into()).is_ok());
        assert!(Window::new(&args(Some(5), Some(5)), "l".into()).is_err());
    }

    #[test]
    fn cursors_round_trip_and_are_bound_to_their_list() -> AppResult<()> {
        let cursor = Cursor { list: "practices/TITLE/ASC".into(), value: SortValue::Text("Ação".into()), id: 7 };
        let text = cursor.encode();
        assert_eq!(Cursor::decode(&text, "after", "practices/TITLE/ASC")?, cursor);
        assert!(Cursor::decode(&text, "after", "guidanceTools/TITLE/ASC").is_err());
        assert!(Cursor::decode("not a cursor", "after", "practices/TITLE/ASC").is_err());
        assert!(Cursor::decode(&URL_SAFE_NO_PAD.encode("{}"), "after", "practices/TITLE/ASC").is_err());
        Ok(())
    }

    #[test]
    fn positions_round_trip_and_stay_out_of_keyset_lists() -> AppResult<()> {
        let text = position_cursor("search", 41);
        assert_eq!(after_position(&text, "search")?, 42);
        assert!(after_position(&text, "practices/TITLE/ASC").is_err());
        let keyset = Cursor { list: "search".into(), value: SortValue::Text("x".into()), id: 1 }.encode();
        assert!(after_position(&keyset, "search").is_err());
        Ok(())
    }

    #[test]
    fn time_values_survive_the_cursor() -> AppResult<()> {
        let time = DateTime::parse_from_rfc3339("2020-11-17T09:30:00.123456Z")
            .map_err(|e| AppError::bad_input("t", e.to_string()))?;
        let cursor = Cursor { list: "l".into(), value: SortValue::Time(time.with_timezone(&Utc)), id: 1 };
        assert_eq!(Cursor::decode(&cursor.encode(), "after", "l")?, cursor);
        Ok(())
    }
}
