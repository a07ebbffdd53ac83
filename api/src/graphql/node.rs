//! The Relay `Node` interface and the `node`/`nodes` lookups by global id.

use super::guidance_tool::GuidanceTool;
use super::id::{self, NodeType};
use super::loaders::{OrganizationById, ReviewById, SubmissionById};
use super::organization::Organization;
use super::peer_exchange::PeerExchange;
use super::practice::Practice;
use super::regional_review::{RegionalReview, ReviewSubmission};
use super::{db, load, request};
use crate::error::AppError;
use crate::service::content;
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
    Organization(Organization),
    RegionalReview(RegionalReview),
    ReviewSubmission(ReviewSubmission),
}

/// Most ids one `nodes` call takes.
const MAX_NODES: usize = 100;

fn content_node(node_type: NodeType, row: content_row::Model) -> Option<Node> {
    match (node_type, row.kind) {
        (NodeType::Practice, ContentKind::Practice) => Some(Node::Practice(Practice(row))),
        (NodeType::GuidanceTool, ContentKind::GuidanceTool) => Some(Node::GuidanceTool(GuidanceTool(row))),
        (NodeType::PeerExchange, ContentKind::PeerExchange) => Some(Node::PeerExchange(PeerExchange(row))),
        _ => None,
    }
}

/// Resolves decoded ids in order: content in one statement, the rest through the batching loaders.
async fn resolve(ctx: &Context<'_>, ids: Vec<(NodeType, i64)>) -> async_graphql::Result<Vec<Option<Node>>> {
    let content_ids: Vec<i64> = ids
        .iter()
        .filter(|(t, _)| matches!(t, NodeType::Practice | NodeType::GuidanceTool | NodeType::PeerExchange))
        .map(|(_, number)| *number)
        .collect();
    let rows: HashMap<i64, content_row::Model> =
        content::by_ids(db(ctx)?, &request(ctx)?.viewer, &content_ids).await?.into_iter().map(|r| (r.id, r)).collect();
    let lookups = ids.into_iter().map(|(node_type, number)| {
        let row = rows.get(&number).cloned();
        async move {
            Ok::<_, async_graphql::Error>(match node_type {
                NodeType::Practice | NodeType::GuidanceTool | NodeType::PeerExchange => {
                    row.and_then(|row| content_node(node_type, row))
                }
                NodeType::Organization => {
                    load(ctx, OrganizationById(number)).await?.map(|o| Node::Organization(Organization(o)))
                }
                NodeType::RegionalReview => {
                    load(ctx, ReviewById(number)).await?.map(|r| Node::RegionalReview(RegionalReview(r)))
                }
                NodeType::ReviewSubmission => {
                    load(ctx, SubmissionById(number)).await?.map(|s| Node::ReviewSubmission(ReviewSubmission(s)))
                }
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
