//! Where the hub may connect to on a caller's behalf (webhook endpoints) and which URLs it stores as links: only
//! globally reachable addresses, as IANA's special-purpose address registries define them.
//!
//! IPv4 is classified by the `ip_network` crate (`Ipv4Network::is_global`, the IANA IPv4 registry), with multicast
//! refused as well (no HTTP endpoint lives there). For IPv6 that crate (like the standard library's stable API) knows
//! too little of the registry, so the rule is an allowlist: global unicast is `2000::/3`, and inside it the
//! registry's blocks that are not globally reachable are refused (the IETF protocol assignments `2001::/23`, Teredo
//! included, whose few anycast exceptions no partner endpoint lives on; the documentation blocks `2001:db8::/32` and
//! `3fff::/20`). Addresses that carry an IPv4 address (IPv4-mapped `::ffff:0:0/96`, IPv4-translated
//! `::ffff:0:0:0/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are unwrapped and the IPv4 address is classified;
//! the deprecated IPv4-compatible `::/96` and local-use NAT64 `64:ff9b:1::/48` are refused outright.

use ip_network::{Ipv4Network, Ipv6Network};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether the hub may connect to `address`: globally reachable unicast, embedded IPv4 addresses included.
pub fn is_global(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(ip) => is_global_v4(ip),
        IpAddr::V6(ip) => match embedded_ipv4(ip) {
            Some(Embedded::Carries(v4)) => is_global_v4(v4),
            Some(Embedded::Refused) => false,
            None => is_global_v6(ip),
        },
    }
}

fn is_global_v4(ip: Ipv4Addr) -> bool {
    !ip.is_multicast() && Ipv4Network::from(ip).is_global()
}

fn is_global_v6(ip: Ipv6Addr) -> bool {
    let [first, second, ..] = ip.segments();
    let global_unicast = (first & 0xe000) == 0x2000;
    let ietf_assignments = first == 0x2001 && second < 0x0200; // 2001::/23
    let documentation = (first == 0x2001 && second == 0x0db8) || (first & 0xfff0) == 0x3ff0; // 2001:db8::/32, 3fff::/20
    global_unicast && !ietf_assignments && !documentation && Ipv6Network::from(ip).is_unicast_global()
}

/// What an IPv6 address says of an IPv4 address inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedded {
    /// It stands for this IPv4 address, which decides.
    Carries(Ipv4Addr),
    /// A form refused whatever it carries.
    Refused,
}

/// The IPv4 address an IPv6 address stands for, in the forms that carry one; `None` for a plain IPv6 address.
pub fn embedded_ipv4(ip: Ipv6Addr) -> Option<Embedded> {
    let s = ip.segments();
    let low = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    match s {
        [0, 0, 0, 0, 0, 0xffff, _, _] => Some(Embedded::Carries(low)), // IPv4-mapped
        [0, 0, 0, 0, 0xffff, 0, _, _] => Some(Embedded::Carries(low)), // IPv4-translated (RFC 6052)
        [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(Embedded::Carries(low)), // NAT64 well-known prefix
        [0x64, 0xff9b, 1, ..] => Some(Embedded::Refused),              // NAT64 local use (RFC 8215)
        [0x2002, high, lower, ..] => {
            Some(Embedded::Carries(Ipv4Addr::new((high >> 8) as u8, high as u8, (lower >> 8) as u8, lower as u8)))
        }
        [0, 0, 0, 0, 0, 0, _, _] => Some(Embedded::Refused), // IPv4-compatible (deprecated), `::` and `::1` included
        _ => None,
    }
}

/// Why a URL's host is not one the hub links to or connects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostProblem {
    /// No host, or one with an empty label (`https://.example.com/`): never taken.
    Malformed(&'static str),
    /// A name for this machine (`localhost`, `localhost.`, `*.localhost`) or an address literal that is not globally
    /// reachable: taken only where private networks are allowed (webhooks to on-premise receivers, tests).
    NotPublic(&'static str),
}

impl HostProblem {
    pub fn message(self) -> &'static str {
        match self {
            HostProblem::Malformed(why) | HostProblem::NotPublic(why) => why,
        }
    }
}

/// Why a URL's host is not one the hub links to or connects to, if it is not.
pub fn host_problem(url: &url::Url) -> Option<HostProblem> {
    let not_public = Some(HostProblem::NotPublic("points at an address that is not public"));
    match url.host() {
        None => Some(HostProblem::Malformed("has no host")),
        Some(url::Host::Ipv4(ip)) if !is_global(IpAddr::V4(ip)) => not_public,
        Some(url::Host::Ipv6(ip)) if !is_global(IpAddr::V6(ip)) => not_public,
        Some(url::Host::Domain(name)) => {
            let name = name.strip_suffix('.').unwrap_or(name);
            if name.is_empty() || name.split('.').any(str::is_empty) {
                Some(HostProblem::Malformed("has an empty label in its host"))
            } else if name.eq_ignore_ascii_case("localhost") || name.to_ascii_lowercase().ends_with(".localhost") {
                Some(HostProblem::NotPublic("points at this machine"))
            } else {
                None
            }
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v4(text: &str) -> bool {
        is_global(text.parse().unwrap())
    }

    #[test]
    fn the_probe_s_forms_are_refused() {
        for refused in [
            "64:ff9b::a9fe:a9fe",
            "2002:a9fe:a9fe::1",
            "2002:7f00:1::",
            "::a9fe:a9fe",
            "::ffff:0:a9fe:a9fe",
            "::ffff:169.254.169.254",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "100::1",
            "2001:db8::1",
            "3fff::1",
            "240.0.0.1",
            "255.255.255.254",
            "198.18.0.1",
            "198.19.255.255",
            "192.0.0.1",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "ff0e::1",
            "64:ff9b:1::a00:1",
        ] {
            assert!(!v4(refused), "{refused}");
        }
        for allowed in
            ["8.8.8.8", "2606:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8", "1.1.1.1"]
        {
            assert!(v4(allowed), "{allowed}");
        }
    }

    #[test]
    fn hosts_with_empty_labels_or_naming_this_machine_are_refused() {
        let problem = |text: &str| host_problem(&url::Url::parse(text).unwrap());
        for bad in [
            "https://.example.com/",
            "https://a..example.com/",
            "https://localhost./",
            "https://LOCALHOST/",
            "https://api.localhost/",
            "https://127.0.0.1/",
            "https://[::ffff:7f00:1]/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://0x7f.1/",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        assert!(matches!(problem("https://.example.com/"), Some(HostProblem::Malformed(_))));
        assert!(matches!(problem("https://localhost./"), Some(HostProblem::NotPublic(_))));
        assert!(matches!(problem("https://10.0.0.1/"), Some(HostProblem::NotPublic(_))));
        for good in ["https://www.iom.int/", "https://example.org./path", "http://8.8.8.8/"] {
            assert_eq!(problem(good), None, "{good}");
        }
    }

    proptest! {
        /// IPv4: the hub agrees with the crate's registry classification (multicast aside).
        #[test]
        fn ipv4_follows_the_crate(bits: u32) {
            let ip = Ipv4Addr::from(bits);
            prop_assert_eq!(is_global(IpAddr::V4(ip)), Ipv4Network::from(ip).is_global() && !ip.is_multicast());
        }

        /// Every form that carries an IPv4 address is exactly as reachable as the address it carries.
        #[test]
        fn embedded_ipv4_decides(bits: u32) {
            let ip = Ipv4Addr::from(bits);
            let [a, b, c, d] = ip.octets();
            let (high, low) = (u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d]));
            let verdict = is_global(IpAddr::V4(ip));
            for wrapped in [
                ip.to_ipv6_mapped(),
                Ipv6Addr::new(0, 0, 0, 0, 0xffff, 0, high, low),
                Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, high, low),
                Ipv6Addr::new(0x2002, high, low, 7, 0, 0, 0, 1),
            ] {
                prop_assert_eq!(is_global(IpAddr::V6(wrapped)), verdict, "{}", wrapped);
            }
            prop_assert!(!is_global(IpAddr::V6(ip.to_ipv6_compatible())));
        }

        /// IPv6 outside global unicast is never reachable; inside it, never less strict than the crate.
        #[test]
        fn ipv6_is_never_looser_than_the_crate(bits: u128) {
            let ip = Ipv6Addr::from(bits);
            if embedded_ipv4(ip).is_none() && is_global(IpAddr::V6(ip)) {
                prop_assert!(Ipv6Network::from(ip).is_unicast_global());
                prop_assert_eq!(ip.segments()[0] & 0xe000, 0x2000);
            }
        }
    }
}
