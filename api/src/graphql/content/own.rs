//! The GraphQL side of a kind's own columns (the declaration and its grammar are in `service::content::own`): the
//! output fields flattened into the kind's type, and the input fields flattened into its create and update inputs,
//! which become the service's given values.

/// A stored value as its output field.
#[macro_export]
macro_rules! own_shown {
    (null, $value:expr) => {
        $value.map(Into::into)
    };
    ($default:tt, $value:expr) => {
        $value.into()
    };
}

/// Expands a kind's own-column declaration into its output object (`$details`, from the entity's model) and its
/// input object (`$input`, into the service's `$own`).
#[macro_export]
macro_rules! graphql_own {
    (
        $own:ident, $details:ident, $input:ident, $entity:ident [$($by_hand:ident),*];
        $($(#[doc = $doc:literal])* $(#[deprecated = $deprecated:literal])? $field:ident : $ty:ty = $default:tt [$($rule:tt)*],)+
    ) => {
        /// The kind's own fields, flattened into its type.
        #[derive(async_graphql::SimpleObject)]
        pub struct $details {
            $($(#[doc = $doc])* $(#[graphql(deprecation = $deprecated)])? $field: $crate::own_column_type!($default, $ty),)+
        }

        impl From<hub_entity::$entity::Model> for $details {
            fn from(model: hub_entity::$entity::Model) -> Self {
                $details { $($field: $crate::own_shown!($default, model.$field),)+ }
            }
        }

        /// The kind's own fields as given; on update, omitted ones stay as they are.
        #[derive(async_graphql::InputObject, Default)]
        pub struct $input {
            $($(#[doc = $doc])* pub $field: Option<$ty>,)+
        }

        impl From<$input> for $own {
            fn from(input: $input) -> Self {
                $own { $($field: input.$field.map(Into::into),)+ }
            }
        }
    };
}
