//! The GraphiQL page, for a browser that opens `/graphql`.

use actix_web::HttpResponse;
use actix_web::http::header::{self, ContentType};

/// The GraphiQL page and its `Content-Security-Policy`, built once. The page pins exact versions of GraphiQL and
/// React on unpkg with Subresource Integrity (hashes of the files in the npm packages, which unpkg serves as they
/// are): a changed file is refused by the browser. The policy allows those, the page's own inline bootstrap by its
/// hash, requests to this origin only, no frames, no forms, no base URL.
static GRAPHIQL: std::sync::LazyLock<(String, String)> = std::sync::LazyLock::new(|| {
    use base64::Engine as _;
    use sha2::Digest as _;
    let page = include_str!("graphiql.html").to_string();
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
        "default-src 'none'; script-src https://unpkg.com {}; style-src https://unpkg.com 'unsafe-inline'; \
         img-src data:; font-src https://unpkg.com data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'",
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
