//! A tiny HTTP/1.1 server on 127.0.0.1 for the CLI and server link tests: fixed routes, and a
//! count of the requests it answered. Tests talk to nothing else.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TestServer {
    pub port: u16,
    pub requests: Arc<AtomicUsize>,
}

impl TestServer {
    /// Routes: `/ok` 200, `/gone` 404, `/moved` 301 → `/ok`, anything else 404.
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let count = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let count = count.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    loop {
                        let mut request_line = String::new();
                        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
                            return;
                        }
                        // Skip the headers.
                        loop {
                            let mut h = String::new();
                            if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" || h == "\n" {
                                break;
                            }
                        }
                        count.fetch_add(1, Ordering::SeqCst);
                        let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
                        let head = match path.as_str() {
                            "/ok" => "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n".to_string(),
                            "/moved" => format!(
                                "HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:{port}/ok\r\nContent-Length: 0\r\n"
                            ),
                            _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n".to_string(),
                        };
                        if stream.write_all(format!("{head}\r\n").as_bytes()).is_err() {
                            return;
                        }
                    }
                });
            }
        });
        TestServer { port, requests }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}
