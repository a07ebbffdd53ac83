//! A content kind's own columns, declared once. Each kind's module holds one declaration macro (`practice_own!`,
//! `guidance_tool_own!`, `peer_exchange_own!`) listing its columns in this grammar:
//!
//! ```text
//! Own, Details, OwnInput, entity [columns written by hand];
//! /// What clients read about the field (its GraphQL description).
//! #[deprecated = "why, and what to use instead"] (optional: the output field is deprecated in the SDL)
//! name: Type = default [rules],
//! ```
//!
//! `default` is what a new record gets when the field is not given (in parentheses), or `null` for a nullable
//! column; `rules` are `required` (on create), `text(min, max)` (characters, trimmed) and `at_least(n)`. The
//! declaration is expanded twice: here by [`service_own!`] (the struct the service takes, its checks, the new row
//! and the update) and in `graphql::content::own` by `graphql_own!` (the output fields and the input fields). A
//! field added to the declaration reaches the entity's row, the rules, the output and the input; the compiler
//! refuses a declaration that does not match the entity.

/// The type of a column: `null` default means nullable.
#[macro_export]
macro_rules! own_column_type {
    (null, $ty:ty) => { Option<$ty> };
    ($default:tt, $ty:ty) => { $ty };
}

/// A given value as the new row's column.
#[macro_export]
macro_rules! own_new_value {
    (null, $value:expr) => {
        $value.clone()
    };
    ($default:tt, $value:expr) => {
        $value.clone().unwrap_or_else(|| $default)
    };
}

/// A given value as a change of the column.
#[macro_export]
macro_rules! own_changed_value {
    (null, $value:expr) => {
        $value.clone().map(Some)
    };
    ($default:tt, $value:expr) => {
        $value.clone()
    };
}

/// The checks of one field's rules.
#[macro_export]
macro_rules! own_rules {
    ($value:expr, $name:expr, $creating:expr;) => {};
    ($value:expr, $name:expr, $creating:expr; required $(, $($rest:tt)*)?) => {
        if $creating {
            $crate::service::validate::required(&$value, &$crate::domain::text::camel_case($name))?;
        }
        $crate::own_rules!($value, $name, $creating; $($($rest)*)?);
    };
    ($value:expr, $name:expr, $creating:expr; text($min:expr, $max:expr) $(, $($rest:tt)*)?) => {
        $crate::service::validate::text($value.as_deref(), &$crate::domain::text::camel_case($name), $min, $max)?;
        $crate::own_rules!($value, $name, $creating; $($($rest)*)?);
    };
    ($value:expr, $name:expr, $creating:expr; at_least($least:expr) $(, $($rest:tt)*)?) => {
        if $value.is_some_and(|value| value < $least) {
            let name = $crate::domain::text::camel_case($name);
            return Err($crate::error::AppError::bad_input(&name, format!("`{name}` starts at {}", $least)));
        }
        $crate::own_rules!($value, $name, $creating; $($($rest)*)?);
    };
}

/// The service's side of a kind's own columns: `$own`, the given values (`None`: not given, left as it is on
/// update), its checks, the new row and the changes to a stored one.
#[macro_export]
macro_rules! service_own {
    (
        $own:ident, $details:ident, $input:ident, $entity:ident [$($by_hand:ident),*];
        $($(#[doc = $doc:literal])* $(#[deprecated = $deprecated:literal])? $field:ident : $ty:ty = $default:tt [$($rule:tt)*],)+
    ) => {
        /// The kind's own columns as given; `None` leaves one as it is on update. Seeds read them from JSON.
        #[derive(Debug, Clone, Default, serde::Deserialize)]
        pub struct $own {
            $(pub $field: Option<$ty>,)+
        }

        impl $own {
            /// Checks the given values by their rules (`required` ones on create).
            pub fn validate(&self, creating: bool) -> $crate::error::AppResult<()> {
                $($crate::own_rules!(self.$field, stringify!($field), creating; $($rule)*);)+
                Ok(())
            }

            /// The row of a new record with row id `id` (the columns written by hand are left to the caller: every
            /// column is named, so one missing from the declaration does not compile).
            pub fn new_row(&self, id: i64) -> hub_entity::$entity::ActiveModel {
                hub_entity::$entity::ActiveModel {
                    content_id: sea_orm::Set(id),
                    $($field: sea_orm::Set($crate::own_new_value!($default, self.$field)),)+
                    $($by_hand: sea_orm::NotSet,)*
                }
            }

            /// Sets the given values on a stored row.
            pub fn apply(&self, row: &mut hub_entity::$entity::ActiveModel) {
                $($crate::service::content::editing::set_given(
                    &$crate::own_changed_value!($default, self.$field),
                    &mut row.$field,
                );)+
            }
        }
    };
}
