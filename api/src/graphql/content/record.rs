//! The content record types, each made by one [`content_type!`] line: `Practice`, `GuidanceTool`, `PeerExchange`,
//! `CallForPractices`, `Collection` and `ReviewSubmission` (with `RegionalReview`, which lists its submissions), with their list and lookup queries and their filter and order inputs (calls
//! and collections, short lists, are listed by status or by `featured` instead, in `CallForPracticesQuery` and
//! `CollectionQuery`), and `SearchNode`, the union of them.
//! What every kind has (id, the common fields, its workflow status, history, translations, related records, the
//! collections that hold it) is written here once; what a kind adds lives in its own module (`practice`,
//! `guidance_tool`, `peer_exchange`, `call_for_practices`, `collection`) as an object flattened in.
//!
//! The types name one another (`related` answers any of them, a peer exchange lists its practices), so they sit
//! together above the kinds' own modules, which name none of them: the modules of `graphql` import in one direction.

use super::call_for_practices::{CallForPracticesExtras, CallStatus};
use super::collection::CollectionExtras;
use super::guidance_tool::GuidanceToolExtras;
use super::peer_exchange::{self, PeerExchangeExtras};
use super::practice::PracticeExtras;
use super::review_submission::ReviewSubmissionExtras;
use super::{ContentFields, ListFilterFields, ListOrderFields};
use crate::domain::kind::RecordType;
use crate::error::AppError;
use crate::graphql::audit::{AuditEvent, history};
use crate::graphql::connection::Connection;
use crate::graphql::enums::ContentStatus;
use crate::graphql::filter::FilterFields;
use crate::graphql::loaders::{
    AnswersTo, CollectionsOf, ContentById, ItemsOf, PracticeDetail, ReviewById, SubmissionsOf, ToolDetail,
};
use crate::graphql::never_null::NeverNull;
use crate::graphql::reference::Region;
use crate::graphql::{db, engine, id, load, load_list, request, tables};
use crate::service::content::call_for_practices as calls;
use crate::service::content::collection as collections;
use crate::service::page::PageArgs;
use crate::service::search;
use async_graphql::{Context, ID, InputObject, Object, SimpleObject, Union};
use hub_entity::content as row;
use hub_entity::enums::ContentKind;
use hub_entity::enums::Status;
use hub_entity::regional_review;

/// Declares one content type: its object (the common fields, the kind's own object flattened in, `history`,
/// `translations` and `related`, plus the fields given), its filter and order inputs, and its list and lookup queries.
macro_rules! content_type {
    (
        $(#[$doc:meta])*
        $name:ident ($kind:expr) with $extras:ident;
        $(#[$status_doc:meta])* workflow status $status:ident;
        $(#[$translations_doc:meta])* translations;
        $(
            $(#[$filter_doc:meta])* filter $filter:ident;
            $(#[$order_doc:meta])* order $order:ident;
            query $query:ident {
                $(#[$list_doc:meta])* $list:ident;
                $(#[$one_doc:meta])* $one:ident;
            }
        )?
        fields { $($fields:tt)* }
        after_history { $($after_history:tt)* }
    ) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(pub row::Model);

        #[Object]
        impl $name {
            pub async fn id(&self) -> ID {
                id::encode(RecordType::Content($kind), self.0.id)
            }

            #[graphql(flatten)]
            async fn common(&self) -> ContentFields {
                ContentFields(self.0.clone())
            }

            $(#[$status_doc])*
            async fn $status(&self) -> ContentStatus {
                self.0.status.into()
            }

            #[graphql(flatten)]
            async fn own(&self) -> $extras {
                $extras(self.0.clone())
            }

            $($fields)*

            /// What happened to the record, oldest first (editors).
            async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AuditEvent>> {
                history(ctx, self.0.id).await
            }

            $($after_history)*

            $(#[$translations_doc])*
            async fn translations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<$name>> {
                super::translations(ctx, &self.0, $name).await
            }

            /// Published records like this one, by shared objectives, themes, countries and words, best first; never
            /// this record nor its translations, and review submissions only beside other review submissions.
            /// `first`: 1 to 20.
            async fn related(
                &self,
                ctx: &Context<'_>,
                #[graphql(default_with = "Some(5)")] first: Option<i32>,
            ) -> async_graphql::Result<Vec<NeverNull<SearchNode>>> {
                related(ctx, &self.0, first).await
            }

            /// The collections that hold the record, as the caller may read them (title order).
            async fn collections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Collection>> {
                Ok(load_list(ctx, CollectionsOf(self.0.id), |row: row::Model| row).await?.into_iter().map(Collection).collect())
            }
        }

        $(
        $(#[$filter_doc])*
        #[derive(InputObject, Default, Debug)]
        pub struct $filter {
            #[graphql(flatten)]
            pub fields: ListFilterFields,
        }

        $(#[$order_doc])*
        #[derive(InputObject, Default, Debug, Clone, Copy)]
        pub struct $order {
            #[graphql(flatten)]
            pub fields: ListOrderFields,
        }

        #[derive(Default)]
        pub struct $query;

        #[Object]
        impl $query {
            $(#[$list_doc])*
            #[allow(clippy::too_many_arguments)]
            async fn $list(
                &self,
                ctx: &Context<'_>,
                first: Option<i32>,
                after: Option<String>,
                last: Option<i32>,
                before: Option<String>,
                filter: Option<$filter>,
                order_by: Option<$order>,
            ) -> async_graphql::Result<Connection<$name>> {
                let args = PageArgs { first, after, last, before };
                let (filter, order) = (filter.unwrap_or_default().fields, order_by.unwrap_or_default().fields);
                super::list(ctx, $kind, args, filter, order, $name).await
            }

            $(#[$one_doc])*
            async fn $one(
                &self,
                ctx: &Context<'_>,
                id: Option<ID>,
                slug: Option<String>,
            ) -> async_graphql::Result<Option<$name>> {
                super::one(ctx, $kind, id, slug, $name).await
            }
        }
        )?
    };
}

content_type! {
    /// A promising practice shared by a Member State or a stakeholder.
    Practice(ContentKind::Practice) with PracticeExtras;
    /// Where the record is in its workflow.
    workflow status status;
    /// The same practice in other languages.
    translations;
    /// Filters on practices: AND across fields, OR within a list.
    filter PracticeFilter;
    /// How to order practices.
    order PracticeOrder;
    query PracticeQuery {
        /// Promising practices, newest first unless `orderBy` says otherwise.
        practices;
        /// One practice by id or slug; null when there is none the caller may read.
        practice;
    }
    fields {
        /// The call for practices it answers, if the caller may read it (`callForPractices` is its title as text).
        async fn call(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CallForPractices>> {
            let Some(call) = load(ctx, PracticeDetail(self.0.id)).await?.and_then(|own| own.call_id) else {
                return Ok(None);
            };
            Ok(load(ctx, ContentById(call)).await?.map(CallForPractices))
        }
    }
    after_history {
        /// The reviewer's note of the last change request (editors and the practice's owner).
        async fn review_note(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
            let viewer = &request(ctx)?.viewer;
            Ok(self.0.review_note.clone().filter(|_| viewer.edits_or_owns(&self.0)))
        }
    }
}

content_type! {
    /// A guidance note, toolkit, policy brief, handbook, training, report or statement.
    GuidanceTool(ContentKind::GuidanceTool) with GuidanceToolExtras;
    /// Where the record is in its workflow.
    workflow status status;
    /// The same tool in other languages.
    translations;
    /// Filters on guidance tools: AND across fields, OR within a list.
    filter GuidanceToolFilter;
    /// How to order guidance tools.
    order GuidanceToolOrder;
    query GuidanceToolQuery {
        guidance_tools;
        guidance_tool;
    }
    fields {
        /// The regional review it belongs to.
        async fn regional_review(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<RegionalReview>> {
            match load(ctx, ToolDetail(self.0.id)).await?.and_then(|own| own.regional_review_id) {
                Some(review) => Ok(load(ctx, ReviewById(review)).await?.map(RegionalReview)),
                None => Ok(None),
            }
        }
    }
    after_history {}
}

content_type! {
    /// A peer-learning exchange among governments and stakeholders (for example on alternatives to detention).
    PeerExchange(ContentKind::PeerExchange) with PeerExchangeExtras;
    /// Where the record is in its workflow.
    workflow status status;
    /// The same exchange described in other languages.
    translations;
    /// Filters on peer exchanges: AND across fields, OR within a list.
    filter PeerExchangeFilter;
    /// How to order peer exchanges.
    order PeerExchangeOrder;
    query PeerExchangeQuery {
        peer_exchanges;
        peer_exchange;
    }
    fields {
        /// Practices presented or discussed, as the caller may read them.
        async fn related_practices(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Practice>> {
            Ok(peer_exchange::linked(ctx, &self.0, ContentKind::Practice).await?.into_iter().map(Practice).collect())
        }

        /// Guidance tools it produced or used (for example its report).
        async fn related_guidance_tools(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<GuidanceTool>> {
            let linked = peer_exchange::linked(ctx, &self.0, ContentKind::GuidanceTool).await?;
            Ok(linked.into_iter().map(GuidanceTool).collect())
        }
    }
    after_history {}
}

content_type! {
    /// A themed call for practices of the Network: what it asks for, when it takes answers and the practices that
    /// answered it. Editors write calls and publish them (then the public sees them); its `status` follows from its
    /// dates, its publication from `publicationStatus`.
    CallForPractices(ContentKind::CallForPractices) with CallForPracticesExtras;
    /// Where the call is in the editors' workflow: a draft until published (`status` says whether it takes answers).
    workflow status publication_status;
    /// The same call in other languages.
    translations;
    fields {
        /// The published practices that answer the call, newest first.
        async fn practices(
            &self,
            ctx: &Context<'_>,
            first: Option<i32>,
            after: Option<String>,
        ) -> async_graphql::Result<Connection<Practice>> {
            let args = PageArgs { first, after, last: None, before: None };
            let filter = ListFilterFields {
                fields: FilterFields { calls: Some(vec![self.0.slug.clone()]), ..FilterFields::default() },
                statuses: Some(vec![ContentStatus::Published]),
            };
            super::list(ctx, ContentKind::Practice, args, filter, ListOrderFields::default(), Practice).await
        }

        /// How many published practices answer the call.
        async fn answer_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
            let count = load(ctx, AnswersTo(self.0.id)).await?.unwrap_or_default();
            Ok(i32::try_from(count).unwrap_or(i32::MAX))
        }
    }
    after_history {}
}

content_type! {
    /// A voluntary input of a Member State or a stakeholder to a GCM regional review: a public document, so public
    /// as soon as an editor saves it (editors may archive it). What it says about each objective is in
    /// `objectiveReports`; its tags hold its review's region, its submitter country and the objectives it reports on.
    ReviewSubmission(ContentKind::ReviewSubmission) with ReviewSubmissionExtras;
    /// Published once saved; archived when an editor withdraws it.
    workflow status status;
    /// The same submission in other languages.
    translations;
    /// Filters on review submissions: AND across fields, OR within a list.
    filter ReviewSubmissionFilter;
    /// How to order review submissions.
    order ReviewSubmissionOrder;
    query ReviewSubmissionQuery {
        /// Submissions to the regional reviews, newest first unless `orderBy` says otherwise.
        review_submissions;
        /// One submission by id or slug; null when there is none the caller may read.
        review_submission;
    }
    fields {
        /// The regional review it was made to.
        async fn review(&self, ctx: &Context<'_>) -> async_graphql::Result<RegionalReview> {
            let review = ReviewSubmissionExtras(self.0.clone()).detail(ctx).await?.review_id;
            Ok(RegionalReview(load(ctx, ReviewById(review)).await?.ok_or(AppError::NotFound("regional review"))?))
        }
    }
    after_history {}
}

/// A regional review process feeding the International Migration Review Forum.
#[derive(Clone)]
pub struct RegionalReview(pub regional_review::Model);

#[Object]
impl RegionalReview {
    pub async fn id(&self) -> ID {
        id::encode(RecordType::RegionalReview, self.0.id)
    }

    /// The version an update must name (it changes on every edit).
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn key(&self) -> &str {
        &self.0.key
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The UN regional commission convening it.
    async fn commission(&self) -> &str {
        &self.0.commission
    }

    /// When the first review was held: `YYYY` or `YYYY-MM`.
    async fn first_review(&self) -> &str {
        &self.0.first_review
    }

    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        Ok(tables(ctx)?.regions([self.0.region_key.clone()]).await?.pop().map(Region))
    }

    /// Voluntary inputs of Member States and stakeholders that the caller may read, oldest first.
    async fn submissions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ReviewSubmission>> {
        load_list(ctx, SubmissionsOf(self.0.id), ReviewSubmission).await
    }
}

/// The calls for practices: listed by status, and looked up one at a time.
#[derive(Default)]
pub struct CallForPracticesQuery;

#[Object]
impl CallForPracticesQuery {
    /// Calls for practices the caller may read, newest deadline first; only those in `status` when given.
    async fn calls_for_practices(
        &self,
        ctx: &Context<'_>,
        status: Option<CallStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<CallForPractices>> {
        let viewer = &request(ctx)?.viewer;
        let phase = status.map(Into::into);
        let (page, total) = calls::page(db(ctx)?, viewer, phase, first, after.as_deref()).await?;
        Ok(Connection::counted(page, CallForPractices, total))
    }

    /// One call by id or slug; null when there is none the caller may read.
    async fn call_for_practices(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<CallForPractices>> {
        super::one(ctx, ContentKind::CallForPractices, id, slug, CallForPractices).await
    }
}

content_type! {
    /// A collection curated by the Network's editors, such as the "Global Practices": published practices, guidance
    /// tools and exchanges in the editors' order, each with a note.
    Collection(ContentKind::Collection) with CollectionExtras;
    /// Where the collection is in the editors' workflow: the public sees it once published.
    workflow status status;
    /// The same collection described in other languages.
    translations;
    fields {
        /// The items in the curators' order. The public gets the published ones; editors get every item, those no
        /// longer published (archived since they were chosen) marked by `isPublic: false`.
        async fn items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CollectionItem>> {
            let shown = load_list(ctx, ItemsOf(self.0.id), |item| item).await?;
            Ok(shown
                .into_iter()
                .map(|item| CollectionItem {
                    position: item.position,
                    note: item.note,
                    is_public: item.record.status == Status::Published,
                    record: NeverNull(item.record.into()),
                })
                .collect())
        }
    }
    after_history {}
}

/// One item of a collection.
#[derive(SimpleObject, Clone)]
pub struct CollectionItem {
    /// From 0, in the curators' order.
    pub position: i32,
    /// Why the editors chose it.
    pub note: Option<String>,
    /// Whether the public sees it; false for an item archived since it was chosen (only editors get those).
    pub is_public: bool,
    pub record: NeverNull<SearchNode>,
}

/// The collections: listed (featured ones on request), and looked up one at a time.
#[derive(Default)]
pub struct CollectionQuery;

#[Object]
impl CollectionQuery {
    /// Collections the caller may read, newest first; with `featured`, only those featured (or not).
    async fn collections(
        &self,
        ctx: &Context<'_>,
        featured: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<Collection>> {
        let viewer = &request(ctx)?.viewer;
        let (page, total) = collections::page(db(ctx)?, viewer, featured, first, after.as_deref()).await?;
        Ok(Connection::counted(page, Collection, total))
    }

    /// One collection by id or slug; null when there is none the caller may read.
    async fn collection(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<Collection>> {
        super::one(ctx, ContentKind::Collection, id, slug, Collection).await
    }
}

// Any content record: what `search` and `related` return (a `//` comment: the SDL gives the union no description).
#[derive(Union, Clone)]
pub enum SearchNode {
    Practice(Practice),
    GuidanceTool(GuidanceTool),
    PeerExchange(PeerExchange),
    CallForPractices(CallForPractices),
    Collection(Collection),
    ReviewSubmission(ReviewSubmission),
}

impl From<row::Model> for SearchNode {
    fn from(row: row::Model) -> Self {
        match row.kind {
            ContentKind::Practice => SearchNode::Practice(Practice(row)),
            ContentKind::GuidanceTool => SearchNode::GuidanceTool(GuidanceTool(row)),
            ContentKind::PeerExchange => SearchNode::PeerExchange(PeerExchange(row)),
            ContentKind::CallForPractices => SearchNode::CallForPractices(CallForPractices(row)),
            ContentKind::Collection => SearchNode::Collection(Collection(row)),
            ContentKind::ReviewSubmission => SearchNode::ReviewSubmission(ReviewSubmission(row)),
        }
    }
}

/// The `related` field of every content type.
async fn related(
    ctx: &Context<'_>,
    row: &row::Model,
    first: Option<i32>,
) -> async_graphql::Result<Vec<NeverNull<SearchNode>>> {
    let engine = engine(ctx)?;
    let _turn = crate::graphql::gate(ctx)?.turn().await?;
    let rows = search::related(db(ctx)?, engine.as_ref(), row.clone(), first).await?;
    Ok(rows.into_iter().map(|row| NeverNull(row.into())).collect())
}
