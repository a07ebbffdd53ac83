//! The pages' stylesheet and script, compiled into the binary. Pages link them with a hash of their bytes, so that
//! browsers may keep them for a year and still never run an old script against a new page.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 3] = [
    Asset { name: "favicon.svg", content_type: "image/svg+xml", body: include_str!("assets/favicon.svg") },
    Asset { name: "hub.css", content_type: "text/css; charset=utf-8", body: include_str!("assets/hub.css") },
    Asset {
        name: "explorer.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/explorer.js"),
    },
];

/// Each asset's URL with the hash of its bytes, by name.
static VERSIONED: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    use sha2::Digest as _;
    ASSETS
        .iter()
        .map(|asset| {
            let digest = sha2::Sha256::digest(asset.body.as_bytes());
            let short: String = digest.iter().take(6).map(|byte| format!("{byte:02x}")).collect();
            (asset.name, format!("/assets/{}?v={short}", asset.name))
        })
        .collect()
});

/// The URL pages link an asset by.
pub fn url(name: &str) -> String {
    VERSIONED.iter().find(|(asset, _)| *asset == name).map(|(_, url)| url.clone()).unwrap_or_default()
}

/// `GET /assets/{name}`.
pub async fn serve(name: web::Path<String>) -> HttpResponse {
    let Some(asset) = ASSETS.iter().find(|asset| asset.name == name.as_str()) else {
        return HttpResponse::NotFound().finish();
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, asset.content_type))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.body)
}
