//! Call for practices mutations (editors): create, edit, publish (the call then opens to the public), close early,
//! archive, delete drafts.

use crate::domain::viewer::Role;
use crate::error::AppResult;
use crate::graphql::content::call_for_practices::CallForPracticesOwnInput;
use crate::graphql::content::input::content_id;
use crate::graphql::content::record::CallForPractices;
use crate::graphql::{db, request};
use crate::service::content::call_for_practices::{self as calls, CallFields};
use crate::service::content::editing::CommonFields;
use async_graphql::{Context, ID, InputObject};
use hub_entity::enums::ContentKind;

/// The fields only a call has; on update, omitted fields stay as they are.
#[derive(InputObject, Default)]
pub struct CallForPracticesDetailsInput {
    #[graphql(flatten)]
    pub own: CallForPracticesOwnInput,
}

impl CallForPracticesDetailsInput {
    fn into_fields(self, common: CommonFields) -> AppResult<CallFields> {
        Ok(CallFields { common, own: self.own.into() })
    }
}

crate::content_mutations! {
    CallForPractices(ContentKind::CallForPractices), author Role::Editor, details CallForPracticesDetailsInput;
    /// A new call for practices; it starts as a draft. Its themes and objectives are its tags.
    create input CreateCallForPracticesInput;
    /// Changes to a call; omitted fields stay as they are, given lists replace the old ones.
    update input UpdateCallForPracticesInput;
    payload CallForPracticesPayload { call_for_practices };
    mutation CallForPracticesMutation {
        /// Creates a draft call for practices (editors).
        create_call_for_practices;
        /// Edits a call at `version` (the one the caller read); a stale version is `CONFLICT` (editors).
        update_call_for_practices;
        moves {
            /// Closes an open or upcoming call now, before its deadline (editors; audited). Its contributors are
            /// told. A closed call is `INVALID_TRANSITION`.
            #[graphql(guard = crate::graphql::RoleGuard(Role::Editor))]
            async fn close_call_for_practices(
                &self,
                ctx: &Context<'_>,
                id: ID,
            ) -> async_graphql::Result<CallForPracticesPayload> {
                let id = content_id(&id, ContentKind::CallForPractices, "id")?;
                let row = calls::close_early(db(ctx)?, &request(ctx)?.viewer, id).await?;
                Ok(CallForPracticesPayload { call_for_practices: CallForPractices(row) })
            }
        }
        /// Publishes a draft call (editors): the public sees it from then on, and practices may name it.
        publish_call_for_practices;
        /// Archives a published call (editors).
        archive_call_for_practices;
        /// Deletes a draft call (editors); admins may take down a call in any status (permanent, audited; its
        /// answers keep its title as text).
        delete_call_for_practices;
    }
}
