//! Relay connections: `XConnection { edges { cursor node } nodes pageInfo totalCount }`, one generic type named after
//! its node, so a new node type gets its connection without a line here.

use crate::error::AppResult;
use crate::service::page::Page;
use async_graphql::{Context, Object, OutputType, SimpleObject, TypeName};
use futures_util::future::BoxFuture;
use std::borrow::Cow;
use std::sync::Arc;

#[derive(SimpleObject, Clone, Debug)]
pub struct PageInfo {
    pub has_next_page: bool,
    pub has_previous_page: bool,
    pub start_cursor: Option<String>,
    pub end_cursor: Option<String>,
}

#[derive(SimpleObject, Clone)]
#[graphql(name_type)]
pub struct Edge<T: OutputType> {
    pub cursor: String,
    pub node: T,
}

/// Named after its node: `PracticeEdge`.
impl<T: OutputType> TypeName for Edge<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Edge", T::type_name()).into()
    }
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

impl<T: OutputType + Clone> Connection<T> {
    /// A page of a list whose size is already known (a short list sorted in memory).
    pub fn counted<M>(page: Page<M>, to_node: impl Fn(M) -> T, total: u64) -> Self {
        Connection::new(page, to_node, Arc::new(move || Box::pin(async move { Ok(total) })))
    }
}

/// Named after its node: `PracticeConnection`.
impl<T: OutputType> TypeName for Connection<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Connection", T::type_name()).into()
    }
}

#[Object(name_type)]
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
