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

#[cfg(test)]
mod tests {
    use super::*;
    use meilisearch_sdk::errors::ErrorCode;
    use serde_json::{Value, json};
    use std::io::{Read, Write};

    /// A stand-in Meilisearch on loopback answering one request with `status` and `body`; the thread hands back the
    /// request it read, head and body.
    fn answering(status: &'static str, body: &'static str) -> (String, std::thread::JoinHandle<String>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            loop {
                let n = stream.read(&mut buffer).unwrap();
                request.extend_from_slice(&buffer[..n]);
                let text = String::from_utf8_lossy(&request).to_string();
                let Some(end) = text.find("\r\n\r\n") else { continue };
                let length = text[..end]
                    .lines()
                    .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(str::to_string))
                    .map_or(0, |value| value.trim().parse::<usize>().unwrap());
                if n == 0 || request.len() >= end + 4 + length {
                    break;
                }
            }
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
            String::from_utf8(request).unwrap()
        });
        (url, served)
    }

    #[derive(Serialize)]
    struct Query {
        limit: usize,
        fields: &'static str,
    }

    #[tokio::test]
    async fn sends_the_key_the_query_string_and_the_body_as_they_are() {
        let (url, served) = answering("200 OK", r#"{"hits":[{"id":7}]}"#);
        let http = Http::new(Some("a-key")).unwrap();
        let method = Method::Post { query: Query { limit: 3, fields: "id,title" }, body: json!({"q": "détention"}) };
        let answer: Value = http.request(&format!("{url}/indexes/hub/search"), method, 200).await.unwrap();
        assert_eq!(answer, json!({"hits": [{"id": 7}]}));
        let request = served.join().unwrap();
        let (head, body) = request.split_once("\r\n\r\n").unwrap();
        let head = head.to_ascii_lowercase();
        assert!(head.starts_with("post /indexes/hub/search?limit=3&fields=id%2ctitle http/1.1"), "{head}");
        assert!(head.contains("authorization: bearer a-key") && head.contains("content-type: application/json"));
        assert_eq!(body, r#"{"q":"détention"}"#);
    }

    #[tokio::test]
    async fn streams_a_body_with_its_content_type_and_sends_no_key_when_there_is_none() {
        let (url, served) = answering("202 Accepted", r#"{"taskUid":1}"#);
        let http = Http::new(None).unwrap();
        let ndjson: &'static [u8] = b"{\"id\":1}\n{\"id\":2}\n";
        let method = Method::Post { query: (), body: ndjson };
        let answer: Value = http
            .stream_request(&format!("{url}/indexes/hub/documents"), method, "application/x-ndjson", 202)
            .await
            .unwrap();
        assert_eq!(answer["taskUid"], 1);
        let request = served.join().unwrap();
        let (head, body) = request.split_once("\r\n\r\n").unwrap();
        let head = head.to_ascii_lowercase();
        assert!(head.starts_with("post /indexes/hub/documents http/1.1"), "{head}");
        assert!(head.contains("content-type: application/x-ndjson") && !head.contains("authorization"), "{head}");
        assert_eq!(body.as_bytes(), ndjson);
    }

    #[tokio::test]
    async fn meilisearch_errors_keep_their_codes() {
        let (url, served) = answering(
            "404 Not Found",
            r#"{"message":"Index `hub` not found.","code":"index_not_found","type":"invalid_request","link":"https://docs.meilisearch.com/errors#index_not_found"}"#,
        );
        let method: Method<(), ()> = Method::Get { query: () };
        let answer =
            Http::new(None).unwrap().request::<(), (), Value>(&format!("{url}/indexes/hub"), method, 200).await;
        served.join().unwrap();
        match answer {
            Err(Error::Meilisearch(error)) => assert_eq!(error.error_code, ErrorCode::IndexNotFound),
            other => panic!("expected Meilisearch's error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn an_empty_answer_is_nothing_when_expected_and_a_failure_when_not() {
        let (url, served) = answering("204 No Content", "");
        let method: Method<(), ()> = Method::Delete { query: () };
        let answer = Http::new(None).unwrap().request::<(), (), ()>(&format!("{url}/keys/k"), method, 204).await;
        assert!(answer.is_ok(), "{answer:?}");
        served.join().unwrap();

        // A proxy's bare 502: no body to parse, so the status is what the error says.
        let (url, served) = answering("502 Bad Gateway", "");
        let method: Method<(), ()> = Method::Get { query: () };
        let answer = Http::new(None).unwrap().request::<(), (), Value>(&format!("{url}/health"), method, 200).await;
        served.join().unwrap();
        match answer {
            Err(Error::MeilisearchCommunication(error)) => assert_eq!(error.status_code, 502),
            other => panic!("expected a communication error, got {other:?}"),
        }

        // An expected status with a body that is not JSON is a parse error, not a panic nor a success.
        let (url, served) = answering("200 OK", "<html>maintenance</html>");
        let method: Method<(), ()> = Method::Get { query: () };
        let answer = Http::new(None).unwrap().request::<(), (), Value>(&format!("{url}/health"), method, 200).await;
        served.join().unwrap();
        assert!(matches!(answer, Err(Error::ParseError(_))), "{answer:?}");
    }
}
