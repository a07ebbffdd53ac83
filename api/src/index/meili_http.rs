//! How the hub speaks HTTP to Meilisearch: meilisearch-sdk's own client (`ReqwestClient`) streams every request
//! body through a reader whose buffer it sizes to 8 MiB and zero-fills on every request (its comment says 8 KiB), so
//! each search paid for clearing 8 MiB: 16% of the hub's CPU in case Q. This one sends the serialized body as it is,
//! through the SDK's own extension point (`HttpClient`), and parses the answer with the SDK's `parse_response`.

use futures_util::AsyncReadExt;
use meilisearch_sdk::errors::Error;
use meilisearch_sdk::request::{HttpClient, Method, parse_response};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Http {
    /// A client sending `api_key` as its bearer token, if any.
    pub fn new(api_key: Option<&str>) -> Result<Http, Error> {
        let mut headers = HeaderMap::new();
        if let Some(key) = api_key {
            let value =
                HeaderValue::from_str(&format!("Bearer {key}")).map_err(|error| Error::Other(Box::new(error)))?;
            headers.insert(AUTHORIZATION, value);
        }
        Ok(Http { client: reqwest::Client::builder().default_headers(headers).build()? })
    }

    async fn send<Output: DeserializeOwned>(
        &self,
        url: &str,
        verb: reqwest::Method,
        query: String,
        body: Option<(Vec<u8>, &str)>,
        expected_status_code: u16,
    ) -> Result<Output, Error> {
        let url = format!("{url}{query}");
        let mut request = self.client.request(verb, &url);
        if let Some((bytes, content_type)) = body {
            request = request.header(CONTENT_TYPE, content_type).body(bytes);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let text = response.text().await?;
        let text = if text.is_empty() { "null" } else { text.as_str() };
        parse_response(status, expected_status_code, text, url)
    }
}

fn verb<Q, B>(method: &Method<Q, B>) -> reqwest::Method {
    match method {
        Method::Get { .. } => reqwest::Method::GET,
        Method::Delete { .. } => reqwest::Method::DELETE,
        Method::Post { .. } => reqwest::Method::POST,
        Method::Put { .. } => reqwest::Method::PUT,
        Method::Patch { .. } => reqwest::Method::PATCH,
    }
}

#[async_trait::async_trait]
impl HttpClient for Http {
    async fn request<Query, Body, Output>(
        &self,
        url: &str,
        method: Method<Query, Body>,
        expected_status_code: u16,
    ) -> Result<Output, Error>
    where
        Query: Serialize + Send + Sync,
        Body: Serialize + Send + Sync,
        Output: DeserializeOwned + 'static + Send,
    {
        let verb = verb(&method);
        let query = yaup::to_string(method.query())?;
        let body = method.into_body().map(|body| serde_json::to_vec(&body)).transpose()?;
        self.send(url, verb, query, body.map(|bytes| (bytes, "application/json")), expected_status_code).await
    }

    async fn stream_request<
        Query: Serialize + Send + Sync,
        Body: futures_util::io::AsyncRead + Send + Sync + 'static,
        Output: DeserializeOwned + 'static,
    >(
        &self,
        url: &str,
        method: Method<Query, Body>,
        content_type: &str,
        expected_status_code: u16,
    ) -> Result<Output, Error> {
        let verb = verb(&method);
        let query = yaup::to_string(method.query())?;
        let body = match method.into_body() {
            Some(body) => {
                let mut bytes = Vec::new();
                std::pin::pin!(body).read_to_end(&mut bytes).await.map_err(|error| Error::Other(Box::new(error)))?;
                Some((bytes, content_type))
            }
            None => None,
        };
        self.send(url, verb, query, body, expected_status_code).await
    }

    fn is_tokio(&self) -> bool {
        true
    }
}
