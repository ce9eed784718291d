//! The loopback redirect (`http://127.0.0.1:PORT/oauth/<mall>`) of a mall
//! authorized in the browser, for where the `juchu://` deep link cannot be
//! registered (and for `juchu-cli shop authorize`).
//!
//! [`listen`] binds a free port on 127.0.0.1 at once, so that its
//! `redirect_uri` can go into the authorize URL; [`Loopback::wait`] accepts
//! connections until one asks for `/oauth/<mall>`, answers it with a small
//! Japanese page, and returns the full URL for the mall's `finish`.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::net::TcpStream;

use crate::domain::Mall;
use crate::malls::MallError;

/// The path a mall redirects to.
pub fn path(mall: Mall) -> String {
    format!("/oauth/{}", mall.code())
}

/// Largest request head read (the redirect carries only code and state).
const MAX_HEAD: usize = 16 * 1024;

/// A bound, not yet accepting, loopback receiver.
#[derive(Debug)]
pub struct Loopback {
    listener: std::net::TcpListener,
    /// `http://127.0.0.1:PORT/oauth/<mall>`: give it to the mall's `begin`.
    pub redirect_uri: String,
    port: u16,
    mall: Mall,
}

/// The loopback port the setup wizard tells the merchant to register
/// (`http://127.0.0.1:17653/oauth/base`). Whether BASE accepts a loopback
/// callback at all, and whether it matches any port, is UNCERTAIN (base.md
/// §1): a fixed port works whichever way the mall compares.
pub const REGISTERED_PORT: u16 = 17653;

/// The redirect URI of a loopback receiver of `mall` on `port`.
pub fn redirect_uri(mall: Mall, port: u16) -> String {
    format!("http://127.0.0.1:{port}{}", path(mall))
}

/// Binds 127.0.0.1 on a free port.
pub fn listen(mall: Mall) -> Result<Loopback, MallError> {
    listen_on(mall, 0)
}

/// Binds 127.0.0.1 on `port` (0: a free one).
pub fn listen_on(mall: Mall, port: u16) -> Result<Loopback, MallError> {
    let err = |e: std::io::Error| MallError::Network {
        mall: mall.label(),
        detail: if port == 0 {
            format!("認可の戻り先（127.0.0.1）を開けません: {e}")
        } else {
            format!(
                "認可の戻り先（127.0.0.1:{port}）を開けません。ほかのプログラムが使用中か、Juchu がもう一つ起動していないか確認してください: {e}"
            )
        },
    };
    let listener =
        std::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).map_err(err)?;
    listener.set_nonblocking(true).map_err(err)?;
    let port = listener.local_addr().map_err(err)?.port();
    Ok(Loopback {
        listener,
        redirect_uri: redirect_uri(mall, port),
        port,
        mall,
    })
}

impl Loopback {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits (at most `timeout`) for the browser to arrive at `/oauth/<mall>`;
    /// returns the full URL it asked for. Other requests (a favicon) get a 404.
    pub async fn wait(self, timeout: Duration) -> Result<String, MallError> {
        let listener =
            tokio::net::TcpListener::from_std(self.listener).map_err(|e| MallError::Network {
                mall: self.mall.label(),
                detail: format!("認可の戻り先を待てません: {e}"),
            })?;
        let port = self.port;
        let mall = self.mall;
        // Each connection is served on its own task: a browser may open a
        // speculative connection that never sends a request.
        let (tx, mut rx) = tokio::sync::mpsc::channel::<String>(1);
        let accept = async {
            loop {
                tokio::select! {
                    conn = listener.accept() => match conn {
                        Ok((stream, _)) => {
                            let tx = tx.clone();
                            tokio::spawn(async move {
                                if let Some(target) = serve(stream, mall).await {
                                    let _ = tx.send(target).await;
                                }
                            });
                        }
                        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                    },
                    Some(target) = rx.recv() => {
                        return format!("http://127.0.0.1:{port}{target}");
                    }
                }
            }
        };
        tokio::time::timeout(timeout, accept)
            .await
            .map_err(|_| MallError::Timeout { mall: mall.label() })
    }
}

/// Answers one connection; returns the request target if it was the redirect.
async fn serve(stream: TcpStream, mall: Mall) -> Option<String> {
    let head = tokio::time::timeout(Duration::from_secs(10), read_head(&stream))
        .await
        .ok()??;
    let line = head.lines().next()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?;
    let target = parts.next()?;
    if method != "GET" || target.split('?').next() != Some(path(mall).as_str()) {
        let _ = write_all(
            &stream,
            &response(404, "見つかりません", "このページはありません。"),
        )
        .await;
        return None;
    }
    let params = super::browser_auth::redirect_params(target);
    let page = if params.contains_key("error") {
        response(
            200,
            "認可されませんでした",
            &format!(
                "{} で連携が許可されませんでした。Juchu に戻ってください。",
                mall.label()
            ),
        )
    } else {
        response(
            200,
            "認可が完了しました",
            "認可が完了しました。Juchu に戻ってください。",
        )
    };
    let _ = write_all(&stream, &page).await;
    Some(target.to_string())
}

async fn read_head(stream: &TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        stream.readable().await.ok()?;
        match stream.try_read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.len() > MAX_HEAD {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(_) => return None,
        }
    }
    String::from_utf8(buf).ok()
}

async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn response(status: u16, title: &str, message: &str) -> Vec<u8> {
    let reason = if status == 200 { "OK" } else { "Not Found" };
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>Juchu – {title}</title></head>\n<body style=\"font-family:sans-serif;text-align:center;margin-top:4em\"><h1>{title}</h1><p>{message}</p></body></html>\n"
    );
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_the_redirect_and_returns_its_url() {
        let lb = listen(Mall::Base).unwrap();
        assert!(lb.redirect_uri.starts_with("http://127.0.0.1:"));
        assert!(lb.redirect_uri.ends_with("/oauth/base"));
        let uri = lb.redirect_uri.clone();
        let port = lb.port();
        let waiting = tokio::spawn(lb.wait(Duration::from_secs(10)));
        let client = reqwest::Client::new();
        let other = client
            .get(format!("http://127.0.0.1:{port}/favicon.ico"))
            .send()
            .await
            .unwrap();
        assert_eq!(other.status().as_u16(), 404);
        let page = client
            .get(format!("{uri}?code=abc&state=xyz"))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200);
        let text = page.text().await.unwrap();
        assert!(
            text.contains("認可が完了しました。Juchu に戻ってください。"),
            "{text}"
        );
        let got = waiting.await.unwrap().unwrap();
        assert_eq!(got, format!("{uri}?code=abc&state=xyz"));
    }

    #[tokio::test]
    async fn denial_page_and_timeout() {
        let lb = listen(Mall::Base).unwrap();
        let uri = lb.redirect_uri.clone();
        let waiting = tokio::spawn(lb.wait(Duration::from_secs(10)));
        let text = reqwest::get(format!("{uri}?error=access_denied&state=s"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(text.contains("連携が許可されませんでした"), "{text}");
        assert!(waiting
            .await
            .unwrap()
            .unwrap()
            .contains("error=access_denied"));

        let lb = listen(Mall::Base).unwrap();
        let e = lb.wait(Duration::from_millis(50)).await.unwrap_err();
        assert_eq!(e, MallError::Timeout { mall: "BASE" });

        // A fixed port in use is named.
        let taken = listen(Mall::Base).unwrap();
        let e = listen_on(Mall::Base, taken.port()).unwrap_err();
        assert!(e.to_string().contains(&taken.port().to_string()), "{e}");
        let again = listen_on(Mall::Base, 0).unwrap();
        assert_eq!(again.redirect_uri, redirect_uri(Mall::Base, again.port()));
    }
}
