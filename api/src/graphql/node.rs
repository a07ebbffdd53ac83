//! The Relay `Node` interface and the `node`/`nodes` lookups by global id.

use super::content::record::{
    CallForPractices, Collection, GuidanceTool, PeerExchange, Practice, RegionalReview, ReviewSubmission,
};
use super::id;
use super::loaders::{OrganizationById, ReviewById};
use super::organization::Organization;
use super::{db, load, request};
use crate::domain::kind::RecordType;
use crate::error::AppError;
use crate::service::content::query as content;
use async_graphql::{Context, ID, Interface, Object};
use hub_entity::content as content_row;
use hub_entity::enums::ContentKind;
use std::collections::HashMap;

/// Anything with a global id.
#[derive(Interface, Clone)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Practice(Practice),
    GuidanceTool(GuidanceTool),
    PeerExchange(PeerExchange),
    CallForPractices(CallForPractices),
    Collection(Collection),
    Organization(Organization),
    RegionalReview(RegionalReview),
    ReviewSubmission(ReviewSubmission),
}

/// Most ids one `nodes` call takes.
const MAX_NODES: usize = 100;

/// A content row as the node a global id of type `record` names (none when the id names another type).
pub(crate) fn content_node(record: RecordType, row: content_row::Model) -> Option<Node> {
    if record != RecordType::Content(row.kind) {
        return None;
    }
    Some(match row.kind {
        ContentKind::Practice => Node::Practice(Practice(row)),
        ContentKind::GuidanceTool => Node::GuidanceTool(GuidanceTool(row)),
        ContentKind::PeerExchange => Node::PeerExchange(PeerExchange(row)),
        ContentKind::CallForPractices => Node::CallForPractices(CallForPractices(row)),
        ContentKind::Collection => Node::Collection(Collection(row)),
        ContentKind::ReviewSubmission => Node::ReviewSubmission(ReviewSubmission(row)),
    })
}

/// Resolves decoded ids in order: content in one statement, the rest through the batching loaders.
async fn resolve(ctx: &Context<'_>, ids: Vec<(RecordType, i64)>) -> async_graphql::Result<Vec<Option<Node>>> {
    let content_ids: Vec<i64> =
        ids.iter().filter(|(record, _)| record.content_kind().is_some()).map(|(_, number)| *number).collect();
    let rows: HashMap<i64, content_row::Model> =
        content::by_ids(db(ctx)?, &request(ctx)?.viewer, &content_ids).await?.into_iter().map(|r| (r.id, r)).collect();
    let lookups = ids.into_iter().map(|(node_type, number)| {
        let row = rows.get(&number).cloned();
        async move {
            Ok::<_, async_graphql::Error>(match node_type {
                RecordType::Content(_) => row.and_then(|row| content_node(node_type, row)),
                RecordType::Organization => {
                    load(ctx, OrganizationById(number)).await?.map(|o| Node::Organization(Organization(o)))
                }
                RecordType::RegionalReview => {
                    load(ctx, ReviewById(number)).await?.map(|r| Node::RegionalReview(RegionalReview(r)))
                }
                // Global ids of other types do not decode.
                _ => None,
            })
        }
    });
    futures_util::future::try_join_all(lookups).await
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any record by global id; null when there is none the caller may read.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Node>> {
        let decoded = id::decode(&id, "id")?;
        Ok(resolve(ctx, vec![decoded]).await?.into_iter().next().flatten())
    }

    /// Records by global ids, in the order asked; null for each one the caller cannot read.
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> async_graphql::Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(AppError::bad_input("ids", format!("`ids` takes at most {MAX_NODES} ids")).into());
        }
        let decoded = ids.iter().map(|id| id::decode(id, "ids")).collect::<Result<Vec<_>, _>>()?;
        resolve(ctx, decoded).await
    }
}
