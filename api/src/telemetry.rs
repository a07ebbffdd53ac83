//! Logs and traces.
//!
//! Logs go to stderr (text or JSON, filtered by `RUST_LOG`). Traces are OpenTelemetry spans sent over OTLP/HTTP
//! when the standard `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, with the
//! exporter's other standard variables (`OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_SERVICE_NAME`, …) honoured; unset,
//! no tracer exists and the trace spans below are disabled at their call sites.
//!
//! What a trace shows: the HTTP request (tracing-actix-web's root span, a child of an incoming `traceparent`), the
//! GraphQL operation (named by its operation name), each database statement (sea-orm's spans), each search engine
//! call, and each webhook delivery. The hub's own trace spans use the target [`TARGET`], which logs leave out.

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::Subscriber;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer};

/// The target of the hub's spans that exist for traces (`tracing::info_span!(target: TARGET, …)`).
pub const TARGET: &str = "hub::trace";
/// The service name traces carry unless `OTEL_SERVICE_NAME` says otherwise.
const SERVICE: &str = "migration-network-hub";

/// The tracer, kept to flush what is buffered when the server stops.
pub struct Telemetry {
    provider: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Sends the spans still buffered.
    pub fn shutdown(self) {
        if let Some(provider) = self.provider
            && let Err(error) = provider.shutdown()
        {
            eprintln!("traces not flushed: {error}");
        }
    }
}

fn configured() -> bool {
    ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|value| !value.trim().is_empty()))
}

/// A tracer sending to `endpoint` (a whole traces URL, `…/v1/traces`), or, without one, to where the standard
/// variables say.
pub fn tracer(endpoint: Option<&str>) -> anyhow::Result<SdkTracerProvider> {
    use opentelemetry_otlp::WithExportConfig as _;
    let mut builder = opentelemetry_otlp::SpanExporter::builder().with_http();
    if let Some(endpoint) = endpoint {
        builder = builder.with_endpoint(endpoint);
    }
    let exporter = builder
        .build()
        .map_err(|error| anyhow::anyhow!("cannot build the OTLP exporter (OTEL_EXPORTER_OTLP_*): {error}"))?;
    let mut resource = Resource::builder();
    if std::env::var("OTEL_SERVICE_NAME").is_err() {
        resource = resource.with_service_name(SERVICE);
    }
    Ok(SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource.build()).build())
}

/// The layer that makes OpenTelemetry spans of the trace spans, and takes the parent of incoming requests from
/// their `traceparent` (W3C Trace Context).
pub fn traces<S>(provider: &SdkTracerProvider) -> impl Layer<S> + use<S>
where
    S: Subscriber + for<'span> LookupSpan<'span>,
{
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    let spans = Targets::new()
        .with_target(TARGET, LevelFilter::INFO)
        .with_target("tracing_actix_web", LevelFilter::INFO)
        .with_target("sea_orm", LevelFilter::INFO);
    tracing_opentelemetry::layer().with_tracer(provider.tracer("hub")).with_filter(spans)
}

/// Installs logging, and tracing when the OTLP variables are set.
pub fn init(log_format: &str) -> anyhow::Result<Telemetry> {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"))
        .add_directive(format!("{TARGET}=off").parse()?);
    // A request's span (method, route, status, request id, latency) is logged when it closes.
    let logs = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE);
    let logs = if log_format == "json" { logs.json().boxed() } else { logs.boxed() };
    let provider = if configured() { Some(tracer(None)?) } else { None };
    tracing_subscriber::registry()
        .with(logs.with_filter(filter))
        .with(provider.as_ref().map(traces))
        .try_init()
        .map_err(|error| anyhow::anyhow!("cannot install logging: {error}"))?;
    if provider.is_some() {
        tracing::info!("traces are sent over OTLP/HTTP");
    }
    Ok(Telemetry { provider })
}
