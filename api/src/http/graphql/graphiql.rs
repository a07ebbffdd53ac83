//! The GraphiQL page, for a browser that opens `/graphql`.

use crate::http::pages::assets;
use actix_web::HttpResponse;
use actix_web::http::header::{self, ContentType};

/// The GraphiQL page and its `Content-Security-Policy`, built once. GraphiQL, React and ReactDOM come from the
/// binary itself (`pages::assets`, vendored from their npm packages), so the page works on a network that reaches
/// no CDN. The policy allows this origin's scripts and the page's own inline bootstrap by its hash, inline styles
/// (GraphiQL sets them), data: fonts and images (its stylesheet embeds them), requests to this origin only, no
/// frames, no forms, no base URL.
static GRAPHIQL: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
    use base64::Engine as _;
    use sha2::Digest as _;
    let mut page = include_str!("graphiql.html").to_string().replace("{favicon.svg}", &assets::url("favicon.svg"));
    // The vendored code, pinned with Subresource Integrity as well.
    for name in ["graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "graphiql.min.js"] {
        let pinned = format!("{}\" integrity=\"{}", assets::url(name), assets::integrity(name));
        page = page.replace(&format!("{{{name}}}"), &pinned);
    }
    let inline: Vec<String> = page
        .split("<script>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</script>"))
        .map(|(script, _)| {
            let digest = sha2::Sha256::digest(script.as_bytes());
            format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    let policy = format!(
        "default-src 'none'; script-src 'self' {}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        inline.join(" ")
    );
    (page, policy)
});

/// The page, under its policy and framed by no one.
pub(super) fn page() -> HttpResponse {
    let (page, policy) = &*GRAPHIQL;
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header((header::CONTENT_SECURITY_POLICY, policy.as_str()))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .body(page.clone())
}
