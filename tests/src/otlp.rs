//! An OTLP/HTTP collector on loopback that keeps every span it receives (protobuf, as the exporter sends by
//! default), for the traces test.

use actix_web::{HttpResponse, web};
use opentelemetry_proto::tonic::collector::trace::v1::{ExportTraceServiceRequest, ExportTraceServiceResponse};
use opentelemetry_proto::tonic::trace::v1::Span;
use prost::Message as _;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Received(Mutex<Vec<Span>>);

/// A running collector; stopped when dropped.
pub struct Collector {
    /// The traces URL to export to.
    pub endpoint: String,
    received: Arc<Received>,
    handle: actix_web::dev::ServerHandle,
}

async fn traces(received: web::Data<Received>, body: web::Bytes) -> HttpResponse {
    let Ok(request) = ExportTraceServiceRequest::decode(body) else {
        return HttpResponse::BadRequest().finish();
    };
    let spans = request.resource_spans.into_iter().flat_map(|r| r.scope_spans).flat_map(|s| s.spans);
    received.0.lock().unwrap().extend(spans);
    HttpResponse::Ok()
        .content_type("application/x-protobuf")
        .body(ExportTraceServiceResponse::default().encode_to_vec())
}

impl Collector {
    pub fn start() -> Collector {
        let received = Arc::new(Received::default());
        let data = web::Data::from(received.clone());
        let server = actix_web::HttpServer::new(move || {
            actix_web::App::new()
                .app_data(data.clone())
                .app_data(web::PayloadConfig::new(16 << 20))
                .route("/v1/traces", web::post().to(traces))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .expect("a free port on loopback");
        let endpoint = format!("http://{}/v1/traces", server.addrs()[0]);
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Collector { endpoint, received, handle }
    }

    /// The spans received so far.
    pub fn spans(&self) -> Vec<Span> {
        self.received.0.lock().unwrap().clone()
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}
