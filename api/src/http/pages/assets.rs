//! The pages' stylesheet and script, and GraphiQL with React (the exact files of their npm packages, in `vendor/`:
//! see its README), compiled into the binary, so that nothing the hub serves needs another origin. Pages link them
//! with a hash of their bytes, so that browsers may keep them for a year and still never run an old script against a
//! new page.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 7] = [
    Asset { name: "favicon.svg", content_type: "image/svg+xml", body: include_str!("assets/favicon.svg") },
    Asset { name: "hub.css", content_type: "text/css; charset=utf-8", body: include_str!("assets/hub.css") },
    Asset {
        name: "explorer.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/explorer.js"),
    },
    Asset {
        name: "graphiql.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/vendor/graphiql.min.js"),
    },
    Asset {
        name: "graphiql.min.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("assets/vendor/graphiql.min.css"),
    },
    Asset {
        name: "react.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/vendor/react.production.min.js"),
    },
    Asset {
        name: "react-dom.production.min.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/vendor/react-dom.production.min.js"),
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

/// The Subresource Integrity value of an asset (`sha384-…`): pages that load the vendored code pin it, so a file
/// changed in transit or in a cache is refused by the browser.
pub fn integrity(name: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let body = ASSETS.iter().find(|asset| asset.name == name).map_or("", |asset| asset.body);
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(body.as_bytes())))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The vendored files are byte for byte those of their npm tarballs: these are the integrity hashes npm and unpkg
    /// publish for graphiql 3.9.0, react 18.3.1 and react-dom 18.3.1 (see `assets/vendor/README.md`).
    #[test]
    fn vendored_files_are_the_published_ones() {
        for (name, published) in [
            ("graphiql.min.js", "8NGfVj4CVlqHajlZj+bPJT4thxPMHMJYn7DWK2CvtopLd02E7qsPHazniBYvVjOO"),
            ("graphiql.min.css", "QMux00XgRtwRLSYIY3kw2rj1ovk5AuuliAchk+HSQbqdbGFnz9GYuqIlOqxhwCE2"),
            ("react.production.min.js", "DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z"),
            ("react-dom.production.min.js", "gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1"),
        ] {
            assert_eq!(integrity(name), format!("sha384-{published}"), "{name}");
            assert!(url(name).starts_with(&format!("/assets/{name}?v=")));
        }
    }
}
