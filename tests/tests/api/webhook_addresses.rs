//! Webhook endpoints at addresses that are not globally reachable are refused, every block of IANA's registries in
//! every form that carries it (SSRF).

use crate::webhooks::register;
use hub_tests::TestApp;

/// IANA's special-purpose address registries (IPv4 and IPv6, as of 2026), the blocks that are not globally
/// reachable: an endpoint at the first or last address of any of them is refused, written as itself and, for
/// IPv4, in every IPv6 form that carries it.
const NOT_GLOBAL_V4: [(&str, &str); 20] = [
    ("0.0.0.0", "0.255.255.255"),           // "this network"
    ("10.0.0.0", "10.255.255.255"),         // private use
    ("100.64.0.0", "100.127.255.255"),      // shared address space
    ("127.0.0.0", "127.255.255.255"),       // loopback
    ("169.254.0.0", "169.254.255.255"),     // link local
    ("172.16.0.0", "172.31.255.255"),       // private use
    ("192.0.0.0", "192.0.0.8"),             // IETF protocol assignments (192.0.0.0/29, .8 dummy)
    ("192.0.0.170", "192.0.0.171"),         // NAT64/DNS64 discovery
    ("192.0.0.11", "192.0.0.255"),          // the rest of 192.0.0.0/24
    ("192.0.2.0", "192.0.2.255"),           // documentation TEST-NET-1
    ("192.168.0.0", "192.168.255.255"),     // private use
    ("198.18.0.0", "198.19.255.255"),       // benchmarking
    ("198.51.100.0", "198.51.100.255"),     // documentation TEST-NET-2
    ("203.0.113.0", "203.0.113.255"),       // documentation TEST-NET-3
    ("240.0.0.0", "255.255.255.254"),       // reserved
    ("255.255.255.255", "255.255.255.255"), // limited broadcast
    ("224.0.0.0", "239.255.255.255"),       // multicast (not in the registry; no HTTP endpoint lives there)
    ("127.0.0.1", "127.0.0.1"),
    ("10.1.2.3", "10.1.2.3"),
    ("169.254.169.254", "169.254.169.254"), // the cloud metadata address
];

const NOT_GLOBAL_V6: [(&str, &str); 15] = [
    ("::1", "::1"),                                           // loopback
    ("::", "::"),                                             // unspecified
    ("::ffff:0.0.0.0", "::ffff:10.255.255.255"),              // IPv4-mapped (private v4)
    ("64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff"),    // IPv4-IPv6 translation, local use
    ("100::", "100::ffff:ffff:ffff:ffff"),                    // discard-only
    ("100:0:0:1::", "100:0:0:1:ffff:ffff:ffff:ffff"),         // dummy prefix
    ("2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff"), // IETF protocol assignments (Teredo included), refused whole
    ("2001:2::", "2001:2:0:ffff:ffff:ffff:ffff:ffff"),    // benchmarking
    ("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"), // documentation
    ("3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff"), // documentation
    ("5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), // segment routing SIDs
    ("fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), // unique local
    ("fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), // link local
    ("ff02::1", "ff0e::1"),                               // multicast
    ("::a9fe:a9fe", "::7f00:1"),                          // IPv4-compatible (deprecated)
];

#[actix_web::test]
async fn every_address_that_is_not_globally_reachable_is_refused_in_every_form() {
    let app = TestApp::new().await.unwrap();
    let admin = app.token("ada", "admin");
    let mut urls = Vec::new();
    for (first, last) in NOT_GLOBAL_V4 {
        for v4 in [first, last] {
            let ip: std::net::Ipv4Addr = v4.parse().unwrap();
            let [a, b, c, d] = ip.octets();
            let (high, low) = (u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d]));
            urls.push(format!("http://{v4}/hook"));
            urls.push(format!("http://[::ffff:{v4}]/hook"));
            urls.push(format!("http://[::ffff:0:{v4}]/hook"));
            urls.push(format!("http://[64:ff9b::{high:x}:{low:x}]/hook"));
            urls.push(format!("http://[2002:{high:x}:{low:x}::1]/hook"));
        }
    }
    for (first, last) in NOT_GLOBAL_V6 {
        urls.push(format!("http://[{first}]/hook"));
        urls.push(format!("http://[{last}]/hook"));
    }
    urls.extend(
        ["http://localhost./hook", "http://LocalHost/hook", "http://api.localhost/hook", "https://.example.com/hook"]
            .map(String::from),
    );
    for url in &urls {
        let body = register(&app, &admin, url).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{url}: {body}");
    }
    assert!(urls.len() > 200, "{} forms", urls.len());
    // Public addresses, in the same forms, are taken.
    for url in [
        "http://8.8.8.8/hook",
        "http://[::ffff:8.8.8.8]/hook",
        "http://[64:ff9b::808:808]/hook",
        "http://[2606:4700::1111]/hook",
    ] {
        let body = register(&app, &admin, url).await;
        assert!(body.get("errors").is_none(), "{url}: {body}");
    }
    // Allowing private networks lets loopback in, never a malformed host.
    let open = TestApp::with(|config| config.webhook_allow_private_networks = true).await.unwrap();
    let admin = open.token("ada", "admin");
    for (url, taken) in
        [("http://localhost./hook", true), ("http://127.0.0.1:9/hook", true), ("https://.example.com/", false)]
    {
        let body = register(&open, &admin, url).await;
        assert_eq!(body.get("errors").is_none(), taken, "{url}: {body}");
    }
}
