//! The address rule never panics, and agrees with itself: a URL whose host is an address literal is refused exactly
//! when the address is not global, and an IPv4 address is judged the same in every IPv6 form that carries it.
#![no_main]

use hub::domain::address::{host_problem, is_global};
use libfuzzer_sys::fuzz_target;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

fuzz_target!(|input: (&str, [u8; 16])| {
    let (text, bytes) = input;
    if let Ok(url) = url::Url::parse(text) {
        let problem = host_problem(&url).filter(|p| matches!(p, hub::domain::address::HostProblem::NotPublic(_)));
        match url.host() {
            Some(url::Host::Ipv4(ip)) => assert_eq!(problem.is_none(), is_global(IpAddr::V4(ip)), "{text}"),
            Some(url::Host::Ipv6(ip)) => assert_eq!(problem.is_none(), is_global(IpAddr::V6(ip)), "{text}"),
            _ => {}
        }
    }
    let v6 = Ipv6Addr::from(bytes);
    let _ = is_global(IpAddr::V6(v6));
    let v4 = Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]);
    let verdict = is_global(IpAddr::V4(v4));
    assert_eq!(is_global(IpAddr::V6(v4.to_ipv6_mapped())), verdict);
    let [a, b, c, d] = v4.octets();
    let (high, low) = (u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d]));
    assert_eq!(is_global(IpAddr::V6(Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, high, low))), verdict);
    assert_eq!(is_global(IpAddr::V6(Ipv6Addr::new(0x2002, high, low, 0, 0, 0, 0, 1))), verdict);
});
