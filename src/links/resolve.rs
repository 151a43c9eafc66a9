//! Name resolution, with the address policy applied to what a name resolves to.
//!
//! The checker resolves host names through a [`Resolve`] (the system's resolver by default) and
//! connects only to the addresses the policy allows. A test can plug in its own resolver that
//! maps a made-up name to `127.0.0.1` (where its server listens) while the policy judges the
//! address the name *appears* to have ([`Resolved::apparent`]): that is how the tests prove a
//! redirect hop into a private address is refused, without any traffic leaving the machine.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use super::policy;

/// One address a name resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// Where to connect.
    pub connect: IpAddr,
    /// What the address policy judges. The system resolver sets it to `connect`; only test
    /// resolvers make them differ.
    pub apparent: IpAddr,
}

impl Resolved {
    pub fn same(ip: IpAddr) -> Resolved {
        Resolved { connect: ip, apparent: ip }
    }
}

/// What [`Resolve::resolve`] returns.
pub type ResolveFuture = Pin<Box<dyn Future<Output = io::Result<Vec<Resolved>>> + Send>>;

/// A name resolver. Return an error wrapping [`NoSuchHost`] (see [`no_such_host`]) when the
/// name does not exist, so that the link is reported dead rather than unverified.
pub trait Resolve: Send + Sync + 'static {
    fn resolve(&self, host: &str) -> ResolveFuture;
}

/// The system resolver (`getaddrinfo`, on the blocking pool), except for the names RFC 6761
/// reserves: `localhost` and `*.localhost` are loopback and `*.invalid` does not exist, both
/// answered here without asking any DNS server.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve(&self, host: &str) -> ResolveFuture {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        if host == "localhost" || host.ends_with(".localhost") {
            let v = vec![Resolved::same(Ipv4Addr::LOCALHOST.into()), Resolved::same(Ipv6Addr::LOCALHOST.into())];
            return Box::pin(async move { Ok(v) });
        }
        if host == "invalid" || host.ends_with(".invalid") {
            return Box::pin(async move { Err(no_such_host(&host)) });
        }
        Box::pin(async move {
            match tokio::net::lookup_host((host.as_str(), 0)).await {
                Ok(addrs) => Ok(addrs.map(|a| Resolved::same(a.ip())).collect()),
                Err(e) if is_nxdomain(&e) => Err(no_such_host(&host)),
                Err(e) => Err(e),
            }
        })
    }
}

/// `getaddrinfo`'s "the name does not exist" (EAI_NONAME, EAI_NODATA), as opposed to a
/// temporary failure (EAI_AGAIN) that says nothing about the link. std reports them only as text.
fn is_nxdomain(e: &io::Error) -> bool {
    let m = e.to_string();
    ["Name or service not known", "No address associated with hostname", "nodename nor servname provided"]
        .iter()
        .any(|s| m.contains(s))
}

/// The host name does not exist.
#[derive(Debug, Clone)]
pub struct NoSuchHost(pub String);

impl fmt::Display for NoSuchHost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no such host `{}`", self.0)
    }
}

impl StdError for NoSuchHost {}

/// An `io::Error` that says `host` does not exist.
pub fn no_such_host(host: &str) -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, NoSuchHost(host.to_string()))
}

/// The name resolves only to addresses the policy refuses.
#[derive(Debug, Clone)]
pub(crate) struct Blocked {
    pub host: String,
    pub addr: IpAddr,
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` resolves to the non-public address {}", self.host, self.addr)
    }
}

impl StdError for Blocked {}

/// The resolver reqwest uses: the configured one, filtered by the address policy.
pub(crate) struct Guarded {
    pub inner: Arc<dyn Resolve>,
    pub allow_private: bool,
}

impl reqwest::dns::Resolve for Guarded {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        let fut = self.inner.resolve(&host);
        let allow = self.allow_private;
        Box::pin(async move {
            let found = fut.await.map_err(|e| -> Box<dyn StdError + Send + Sync> {
                // Keep a NoSuchHost findable in the error chain.
                match e.get_ref().and_then(|r| r.downcast_ref::<NoSuchHost>()) {
                    Some(n) => Box::new(n.clone()),
                    None => Box::new(e),
                }
            })?;
            let mut ok = Vec::new();
            let mut blocked = None;
            for r in found {
                if allow || policy::is_public(r.apparent) {
                    ok.push(SocketAddr::new(r.connect, 0));
                } else {
                    blocked.get_or_insert(r.apparent);
                }
            }
            if ok.is_empty() {
                return Err(match blocked {
                    Some(addr) => Box::new(Blocked { host, addr }) as Box<dyn StdError + Send + Sync>,
                    None => Box::new(NoSuchHost(host)),
                });
            }
            Ok(Box::new(ok.into_iter()) as reqwest::dns::Addrs)
        })
    }
}
