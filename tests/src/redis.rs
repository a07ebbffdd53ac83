//! Redis for the shared-budget tests: the machine's (`TEST_REDIS_URL`, default `redis://127.0.0.1:6379`), or a
//! `redis-server` of the test's own that it can kill. Without either the tests skip loudly, unless
//! `HUB_REQUIRE_REDIS=1` (as in `.ci/run`) makes that a failure.

use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn required() -> bool {
    std::env::var("HUB_REQUIRE_REDIS").is_ok_and(|value| value == "1")
}

fn skip<T>(why: &str) -> Option<T> {
    assert!(!required(), "HUB_REQUIRE_REDIS=1 but {why}");
    eprintln!("SKIPPED: {why} (set TEST_REDIS_URL, or HUB_REQUIRE_REDIS=1 to make this a failure)");
    None
}

fn answers(address: SocketAddr) -> bool {
    TcpStream::connect_timeout(&address, Duration::from_millis(500)).is_ok()
}

/// The machine's Redis, if it answers.
pub fn machine() -> Option<String> {
    let url = std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let parsed = url::Url::parse(&url).expect("TEST_REDIS_URL is a URL");
    let address = (parsed.host_str().unwrap_or("127.0.0.1"), parsed.port().unwrap_or(6379));
    let reachable = std::net::ToSocketAddrs::to_socket_addrs(&address).ok().and_then(|mut all| all.next());
    if reachable.is_some_and(answers) { Some(url) } else { skip(&format!("no Redis answers at {url}")) }
}

/// A `redis-server` of the test's own on a free loopback port, keeping nothing on disk.
pub struct RedisProcess {
    pub port: u16,
    child: Option<Child>,
}

impl RedisProcess {
    /// Starts one, or skips when there is no `redis-server` binary.
    pub fn start() -> Option<RedisProcess> {
        let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let mut process = RedisProcess { port, child: None };
        if !process.restart() {
            return skip("no redis-server binary could be started");
        }
        Some(process)
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) on the same port; whether it answers.
    pub fn restart(&mut self) -> bool {
        let port = self.port.to_string();
        let spawned = Command::new("redis-server")
            .args(["--port", &port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let Ok(child) = spawned else { return false };
        self.child = Some(child);
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if answers(([127, 0, 0, 1], self.port).into()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Kills the server (SIGKILL: no goodbye to its clients).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for RedisProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
