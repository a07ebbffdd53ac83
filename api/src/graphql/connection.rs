//! Relay connections: `XConnection { edges { cursor node } nodes pageInfo totalCount }`.

use crate::error::AppResult;
use crate::service::page::Page;
use async_graphql::{Context, Object, OutputType, SimpleObject};
use futures_util::future::BoxFuture;
use std::sync::Arc;

#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

#[derive(SimpleObject, Clone)]
#[graphql(concrete(name = "PracticeEdge", params(super::content::practice::Practice)))]
#[graphql(concrete(name = "GuidanceToolEdge", params(super::content::guidance_tool::GuidanceTool)))]
#[graphql(concrete(name = "PeerExchangeEdge", params(super::content::peer_exchange::PeerExchange)))]
#[graphql(concrete(name = "OrganizationEdge", params(super::organization::Organization)))]
#[graphql(concrete(name = "AuditEventEdge", params(super::audit::AuditEvent)))]
#[graphql(concrete(name = "WebhookEdge", params(super::webhook::Webhook)))]
#[graphql(concrete(name = "WebhookDeliveryEdge", params(super::webhook::WebhookDelivery)))]
pub struct Edge<T: OutputType> {
    pub cursor: String,
    pub node: T,
}

/// Counts the whole list; run only when a client asks for `totalCount`.
pub type Counter = Arc<dyn Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync>;

pub struct Connection<T: OutputType> {
    edges: Vec<Edge<T>>,
    page_info: PageInfo,
    counter: Counter,
}

impl<T: OutputType + Clone> Connection<T> {
    pub fn new<M>(page: Page<M>, to_node: impl Fn(M) -> T, counter: Counter) -> Self {
        let edges: Vec<Edge<T>> =
            page.items.into_iter().map(|(cursor, row)| Edge { cursor: cursor.encode(), node: to_node(row) }).collect();
        let page_info = PageInfo {
            has_next_page: page.has_next_page,
            has_previous_page: page.has_previous_page,
            start_cursor: edges.first().map(|e| e.cursor.clone()),
            end_cursor: edges.last().map(|e| e.cursor.clone()),
        };
        Connection { edges, page_info, counter }
    }
}

#[Object(
    concrete(name = "PracticeConnection", params(super::content::practice::Practice)),
    concrete(name = "GuidanceToolConnection", params(super::content::guidance_tool::GuidanceTool)),
    concrete(name = "PeerExchangeConnection", params(super::content::peer_exchange::PeerExchange)),
    concrete(name = "OrganizationConnection", params(super::organization::Organization)),
    concrete(name = "AuditEventConnection", params(super::audit::AuditEvent)),
    concrete(name = "WebhookConnection", params(super::webhook::Webhook)),
    concrete(name = "WebhookDeliveryConnection", params(super::webhook::WebhookDelivery))
)]
impl<T: OutputType + Clone> Connection<T>
where
    Edge<T>: OutputType,
{
    async fn edges(&self) -> Vec<Edge<T>> {
        self.edges.clone()
    }

    /// The nodes of `edges`, for clients that need no cursors.
    async fn nodes(&self) -> Vec<T> {
        self.edges.iter().map(|edge| edge.node.clone()).collect()
    }

    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }

    /// How many records the whole list holds (all pages).
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let _turn = super::gate(ctx)?.turn().await?;
        let count = (self.counter)().await?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}
