//! The mutations every content kind has, made by one [`content_mutations!`] block per kind (in its `*_mutation`
//! module, beside the kind's details input): the create and update inputs (the shared fields, the tags and the
//! kind's details, flattened), the payload, and `create`, `update`, `publish`, `archive` and `delete`, with the
//! kind's own workflow moves (a practice's `submit` and `requestChanges`) given in `moves`.

/// Declares a content kind's create and update inputs, its payload and its mutations. `author` is the least role
/// that creates, edits and deletes its drafts; publishing and archiving are for editors. Inside `moves`, `moved`
/// (a method of the payload) runs a workflow move and answers the payload. A kind whose publication takes more
/// than the record (a practice's review) leaves its `publish` line out and writes it among its moves.
#[macro_export]
macro_rules! content_mutations {
    // A kind published as it is: its `publish` becomes one more move, and the block is read again without it.
    (
        $name:ident ($kind:expr), author $author:expr, details $details:ident;
        $(#[$create_input_doc:meta])* create input $create_input:ident;
        $(#[$update_input_doc:meta])* update input $update_input:ident;
        payload $payload:ident { $field:ident };
        mutation $mutation:ident {
            $(#[$create_doc:meta])* $create:ident;
            $(#[$update_doc:meta])* $update:ident;
            moves { $($moves:tt)* }
            $(#[$publish_doc:meta])* $publish:ident;
            $(#[$archive_doc:meta])* $archive:ident;
            $(#[$delete_doc:meta])* $delete:ident;
        }
    ) => {
        $crate::content_mutations! {
            $name ($kind), author $author, details $details;
            $(#[$create_input_doc])* create input $create_input;
            $(#[$update_input_doc])* update input $update_input;
            payload $payload { $field };
            mutation $mutation {
                $(#[$create_doc])* $create;
                $(#[$update_doc])* $update;
                moves {
                    $($moves)*

                    $(#[$publish_doc])*
                    #[graphql(guard = $crate::graphql::RoleGuard($crate::domain::viewer::Role::Editor))]
                    async fn $publish(
                        &self,
                        ctx: &async_graphql::Context<'_>,
                        id: async_graphql::ID,
                    ) -> async_graphql::Result<$payload> {
                        let publish = $crate::service::content::workflow::Transition::Publish;
                        $payload::moved(ctx, &id, publish, None, None).await
                    }
                }
                $(#[$archive_doc])* $archive;
                $(#[$delete_doc])* $delete;
            }
        }
    };
    // A kind whose `publish` is among its own moves (a practice's takes the review).
    (
        $name:ident ($kind:expr), author $author:expr, details $details:ident;
        $(#[$create_input_doc:meta])* create input $create_input:ident;
        $(#[$update_input_doc:meta])* update input $update_input:ident;
        payload $payload:ident { $field:ident };
        mutation $mutation:ident {
            $(#[$create_doc:meta])* $create:ident;
            $(#[$update_doc:meta])* $update:ident;
            moves { $($moves:tt)* }
            $(#[$archive_doc:meta])* $archive:ident;
            $(#[$delete_doc:meta])* $delete:ident;
        }
    ) => {
        $(#[$create_input_doc])*
        #[derive(async_graphql::InputObject)]
        pub struct $create_input {
            #[graphql(flatten)]
            pub content: $crate::graphql::content::input::NewContentInput,
            #[graphql(flatten)]
            pub tags: $crate::graphql::content::input::TagsInput,
            #[graphql(flatten)]
            pub details: $details,
        }

        $(#[$update_input_doc])*
        #[derive(async_graphql::InputObject, Default)]
        pub struct $update_input {
            #[graphql(flatten)]
            pub content: $crate::graphql::content::input::ContentChangesInput,
            #[graphql(flatten)]
            pub tags: $crate::graphql::content::input::TagsInput,
            #[graphql(flatten)]
            pub details: $details,
        }

        #[derive(async_graphql::SimpleObject)]
        pub struct $payload {
            pub $field: $name,
        }

        impl $payload {
            /// Runs a workflow move on the record `id` names, as the caller.
            async fn moved(
                ctx: &async_graphql::Context<'_>,
                id: &async_graphql::ID,
                move_: $crate::service::content::workflow::Transition,
                note: Option<String>,
                review: Option<&$crate::service::content::review::Review>,
            ) -> async_graphql::Result<Self> {
                let row = $crate::graphql::content::input::transition(ctx, $kind, id, move_, note, review).await?;
                Ok($payload { $field: $name(row) })
            }
        }

        #[derive(Default)]
        pub struct $mutation;

        #[async_graphql::Object]
        impl $mutation {
            $(#[$create_doc])*
            #[graphql(guard = $crate::graphql::RoleGuard($author))]
            async fn $create(
                &self,
                ctx: &async_graphql::Context<'_>,
                input: $create_input,
            ) -> async_graphql::Result<$payload> {
                let common = $crate::graphql::content::input::new_fields($kind, input.content, input.tags)?;
                let fields = input.details.into_fields(common)?;
                let viewer = &$crate::graphql::request(ctx)?.viewer;
                let row = $crate::service::content::editing::create($crate::graphql::db(ctx)?, viewer, fields).await?;
                Ok($payload { $field: $name(row) })
            }

            $(#[$update_doc])*
            #[graphql(guard = $crate::graphql::RoleGuard($author))]
            async fn $update(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
                version: i32,
                input: $update_input,
            ) -> async_graphql::Result<$payload> {
                let common = $crate::graphql::content::input::changed_fields(input.content, input.tags);
                let fields = input.details.into_fields(common)?;
                let id = $crate::graphql::content::input::content_id(&id, $kind, "id")?;
                let viewer = &$crate::graphql::request(ctx)?.viewer;
                let db = $crate::graphql::db(ctx)?;
                let row = $crate::service::content::editing::edit(db, viewer, id, version, fields).await?;
                Ok($payload { $field: $name(row) })
            }

            $($moves)*

            $(#[$archive_doc])*
            #[graphql(guard = $crate::graphql::RoleGuard($crate::domain::viewer::Role::Editor))]
            async fn $archive(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<$payload> {
                $payload::moved(ctx, &id, $crate::service::content::workflow::Transition::Archive, None, None).await
            }

            $(#[$delete_doc])*
            #[graphql(guard = $crate::graphql::RoleGuard($author))]
            async fn $delete(
                &self,
                ctx: &async_graphql::Context<'_>,
                id: async_graphql::ID,
            ) -> async_graphql::Result<$crate::graphql::content::input::DeletePayload> {
                $crate::graphql::content::input::delete(ctx, $kind, &id).await
            }
        }
    };
}
